package id.perisai.api.security.service;

/** Too many failed client authentications from the request's source: 429 with {@code Retry-After}. */
public class TokenThrottledException extends RuntimeException {

    private final long retryAfterSeconds;

    public TokenThrottledException(long retryAfterSeconds) {
        super("too many failed client authentications", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
