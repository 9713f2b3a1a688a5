package id.perisai.api.batch.spi;

/** The one outcome every record of a batch ends with. */
public enum RecordOutcome {
    /** Registered, or the payment (or membership) applied. */
    ACCEPTED,
    /** Already registered or paid, or repeated in the batch: nothing done, with the code saying why. */
    DUPLICATE,
    /** Refused, with every reason. */
    REJECTED;

    /** The outcome named by a {@code ?status=} filter: null for none, 400 for anything else. */
    public static RecordOutcome filter(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        for (RecordOutcome outcome : values()) {
            if (outcome.name().equals(status)) {
                return outcome;
            }
        }
        throw new id.perisai.api.common.problem.InvalidInputException("status", "INVALID_VALUE",
                "must be one of ACCEPTED, DUPLICATE, REJECTED");
    }
}
