package id.perisai.api.common.problem;

import java.util.List;

/** Input that fails validation: 400 with every reason in {@code errors[]}. */
public class InvalidInputException extends ProblemException {

    public InvalidInputException(List<FieldError> errors) {
        super(ProblemType.VALIDATION_FAILED, describe(errors), errors);
    }

    public InvalidInputException(String field, String code, String message) {
        this(List.of(new FieldError(field, code, message)));
    }

    static String describe(List<FieldError> errors) {
        return errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid";
    }
}
