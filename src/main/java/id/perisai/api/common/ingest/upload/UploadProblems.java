package id.perisai.api.common.ingest.upload;

import java.time.Duration;

import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;

/** The problems of receiving an upload; none of them leaves anything stored. */
public final class UploadProblems {

    public static final ProblemType STALLED = new ProblemType(408, "upload-stalled", "The upload stalled");
    public static final ProblemType TOO_SLOW = new ProblemType(408, "upload-too-slow", "The upload is too slow");
    public static final ProblemType TOO_MANY = new ProblemType(429, "too-many-uploads",
            "Too many uploads in flight");
    public static final ProblemType CAPACITY = new ProblemType(503, "upload-capacity-exhausted",
            "No room for more uploads right now");

    /** Seconds a client refused for too many uploads in flight, or for a full spool, is asked to wait. */
    static final String RETRY_AFTER_TOO_MANY = "5";
    static final String RETRY_AFTER_CAPACITY = "30";

    private UploadProblems() {
    }

    public static ProblemException stalled(Duration timeout) {
        return new ProblemException(STALLED, "No byte of the body arrived for " + timeout.toSeconds()
                + " seconds; nothing was stored. Send the request again (with the same Idempotency-Key)")
                .withHeader("Connection", "close");
    }

    public static ProblemException tooSlow(long minBytesPerSecond, Duration window) {
        return new ProblemException(TOO_SLOW, "The body arrived at less than " + minBytesPerSecond
                + " bytes per second over " + window.toSeconds() + " seconds; nothing was stored. Send it again")
                .withHeader("Connection", "close");
    }

    public static ProblemException tooMany(int limit) {
        return new ProblemException(TOO_MANY, "This partner already has " + limit
                + " uploads in flight; wait for one of them to be answered").withHeader("Retry-After",
                        RETRY_AFTER_TOO_MANY);
    }

    public static ProblemException capacity() {
        return new ProblemException(CAPACITY, "The service is receiving as many uploads as it can hold; nothing was "
                + "stored. Send the request again later (with the same Idempotency-Key)")
                .withHeader("Retry-After", RETRY_AFTER_CAPACITY).withHeader("Connection", "close");
    }
}
