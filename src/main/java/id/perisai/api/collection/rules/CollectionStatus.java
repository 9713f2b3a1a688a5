package id.perisai.api.collection.rules;

/** Where a participant listed for collection stands for the month asked about (growth.md §1). */
public enum CollectionStatus {
    /** The month is unpaid, but the participant does not lapse at its end. */
    DUE,
    /** Lapses by the end of the month unless paid ({@code lapsesOn} is at the latest the first day of the next month). */
    AT_RISK,
    /** Already lapsed: only re-registering the worker restarts coverage. */
    LAPSED
}
