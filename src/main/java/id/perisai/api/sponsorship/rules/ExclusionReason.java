package id.perisai.api.sponsorship.rules;

/** Why a member is not on a month's invoice. */
public enum ExclusionReason {
    /** The participant's coverage already includes the month. */
    ALREADY_PAID,
    /** Lapsed (unpaid for more than three months): re-register the worker. */
    LAPSED,
    /** Voided by the agency. */
    VOID,
    /** An earlier month is unpaid: payments must start at the first unpaid month. */
    NOT_CONTIGUOUS,
    /** Registered (or reactivated) after the month: nothing is due for it. */
    NOT_YET_REGISTERED
}
