package id.perisai.api.batch.spi;

/** Where a batch stands, as stored in {@code batch.status}. */
public enum BatchStatus {
    /** Being written by the replica receiving it, in short transactions: nobody else sees it yet. */
    STAGING,
    /** Accepted (the 202 was sent): waiting for a worker. */
    RECEIVED,
    /** A worker holds its lease and processes it. */
    PROCESSING,
    /** Every record has its outcome. */
    COMPLETED,
    /** Given up after too many attempts; every record still has exactly one outcome. */
    FAILED;

    /** Waiting or being processed: what the workers take and the open-batch metrics count. */
    public boolean isOpen() {
        return this == RECEIVED || this == PROCESSING;
    }
}
