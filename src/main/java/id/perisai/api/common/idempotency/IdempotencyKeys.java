package id.perisai.api.common.idempotency;

import java.util.regex.Pattern;

import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;

/** The {@code Idempotency-Key} header and its problems. */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    static final Pattern VALID = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    public static final ProblemType REUSED = new ProblemType(422, "idempotency-key-reused",
            "The Idempotency-Key was used for a different request");
    public static final ProblemType IN_FLIGHT = new ProblemType(409, "idempotency-key-in-flight",
            "A request with this Idempotency-Key is still being processed");

    private IdempotencyKeys() {
    }

    /** The key when it is 1–255 visible ASCII characters; 400 otherwise. */
    public static String require(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInputException(HEADER, "REQUIRED", "the Idempotency-Key header is required");
        }
        if (!VALID.matcher(key).matches()) {
            throw new InvalidInputException(HEADER, "INVALID_FORMAT", "must be 1–255 visible ASCII characters");
        }
        return key;
    }

    public static ProblemException reused() {
        return new ProblemException(REUSED,
                "This Idempotency-Key was used with a different body or options; use a new key for a new request");
    }

    public static ProblemException inFlight() {
        return new ProblemException(IN_FLIGHT,
                "The first request with this Idempotency-Key is still being accepted; retry when it has finished")
                .withHeader("Retry-After", "5");
    }
}
