package id.perisai.api.fraud.rules;

/** The fraud rules of growth.md §4, each with its fixed severity. */
public enum SignalType {
    /** One phone number on too many participants (any partners). */
    SHARED_PHONE(Severity.LOW),
    /** Too many new registrations by one agent in one WIB day. */
    AGENT_VELOCITY(Severity.LOW),
    /** A run of NIKs in one batch with the same region and birth-date digits and consecutive serials. */
    SEQUENTIAL_NIKS(Severity.LOW),
    /** Most of an agent's older acquisitions never paid a second month. */
    FIRST_PAYMENT_ONLY(Severity.HIGH),
    /** A participant registered by an agent carries the agent's own phone number. */
    AGENT_SELF_DEALING(Severity.HIGH);

    public final Severity severity;

    SignalType(Severity severity) {
        this.severity = severity;
    }

    /** LOW signals are for review; an OPEN HIGH one holds the agent's payouts. */
    public enum Severity {
        LOW,
        HIGH
    }

    /** OPEN until agency staff resolve it. */
    public enum Status {
        OPEN,
        CLEARED,
        CONFIRMED
    }
}
