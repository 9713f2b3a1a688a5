package id.perisai.api.common.batch;

/** What a batch carries; each kind has its own staging and result tables, quota and Idempotency-Key scope. */
public enum BatchKind {
    REGISTRATION("registration-batch", "registrations", "registration_chunk", "registration_result",
            "v1/registration-batches", "REGISTRATION_BATCH_ACCEPTED", "Registration batch"),
    CONTRIBUTION("contribution-batch", "contributions", "contribution_input", "contribution_result",
            "v1/contribution-batches", "CONTRIBUTION_BATCH_ACCEPTED", "Contribution batch");

    private final String operation;
    private final String quota;
    private final String inputTable;
    private final String resultTable;
    private final String path;
    private final String auditAction;
    private final String label;

    BatchKind(String operation, String quota, String inputTable, String resultTable, String path, String auditAction,
            String label) {
        this.operation = operation;
        this.quota = quota;
        this.inputTable = inputTable;
        this.resultTable = resultTable;
        this.path = path;
        this.auditAction = auditAction;
        this.label = label;
    }

    /** The Idempotency-Key scope. */
    public String operation() {
        return operation;
    }

    /** The daily record quota its records count against. */
    public String quota() {
        return quota;
    }

    public String inputTable() {
        return inputTable;
    }

    public String resultTable() {
        return resultTable;
    }

    /** The collection's path under the API root. */
    public String path() {
        return path;
    }

    public String auditAction() {
        return auditAction;
    }

    /** For messages: "Registration batch". */
    public String label() {
        return label;
    }

    /** Lower case, for metric tags. */
    public String tag() {
        return name().toLowerCase();
    }
}
