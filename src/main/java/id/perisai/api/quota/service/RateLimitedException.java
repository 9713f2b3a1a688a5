package id.perisai.api.quota.service;

import java.util.List;

import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;

/** More calls this minute than {@code requestsPerMinute}: 429 {@code rate-limited}. */
public class RateLimitedException extends ProblemException {

    static final ProblemType TYPE = new ProblemType(429, "rate-limited", "Too many requests");

    public RateLimitedException(long limit, long secondsToNextMinute) {
        super(TYPE, "More than " + limit + " calls in this minute; retry when the window resets");
        with("violatedPolicies", List.of(QuotaState.REQUESTS));
        withHeader("Retry-After", String.valueOf(secondsToNextMinute));
    }
}
