package id.perisai.api.common.ingest;

import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;

/** The body cannot be read as the declared format: 400, nothing stored. The detail never quotes the body. */
public class MalformedBodyException extends ProblemException {

    public MalformedBodyException(String detail) {
        super(ProblemType.MALFORMED_REQUEST, detail);
    }
}
