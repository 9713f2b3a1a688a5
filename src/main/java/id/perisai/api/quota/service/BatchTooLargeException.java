package id.perisai.api.quota.service;

import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;

/** More records than the partner's {@code maxBatchRecords}: 413 {@code batch-too-large}, nothing stored. */
public class BatchTooLargeException extends ProblemException {

    static final ProblemType TYPE = new ProblemType(413, "batch-too-large", "The batch has too many records");

    public BatchTooLargeException(int maxBatchRecords) {
        super(TYPE, "A batch may have at most " + maxBatchRecords + " records; split it");
        with("maxBatchRecords", maxBatchRecords);
        withHeader("Connection", "close");
    }
}
