package id.perisai.api.quota.service;

import java.util.List;

import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;

/** A batch needs more records than today's quota has left: 429 {@code quota-exceeded}, nothing stored. */
public class QuotaExceededException extends ProblemException {

    static final ProblemType TYPE = new ProblemType(429, "quota-exceeded", "Daily quota exceeded");

    public QuotaExceededException(String quota, long records, long remaining, long secondsToMidnightWib) {
        super(TYPE, "The batch has " + records + " records but only " + remaining + " of today's " + quota
                + " quota remain; the quota resets at 00:00 WIB");
        with("violatedPolicies", List.of(quota));
        withHeader("Retry-After", String.valueOf(secondsToMidnightWib));
    }
}
