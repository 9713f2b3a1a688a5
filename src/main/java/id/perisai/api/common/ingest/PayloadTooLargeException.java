package id.perisai.api.common.ingest;

import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;

/** The body exceeds the configured limit: 413, nothing stored. */
public class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(long limit) {
        super(ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the limit of " + limit + " bytes");
        withHeader("Connection", "close");
    }
}
