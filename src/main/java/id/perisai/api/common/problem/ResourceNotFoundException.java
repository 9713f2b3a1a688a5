package id.perisai.api.common.problem;

/** The resource does not exist, or belongs to another partner (which we never reveal). */
public class ResourceNotFoundException extends ProblemException {

    public ResourceNotFoundException(String what) {
        super(ProblemType.NOT_FOUND, what + " not found");
    }
}
