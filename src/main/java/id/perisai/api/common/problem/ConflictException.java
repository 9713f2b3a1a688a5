package id.perisai.api.common.problem;

/** The request conflicts with existing state (duplicate key, concurrent change). */
public class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        super(ProblemType.CONFLICT, detail);
    }
}
