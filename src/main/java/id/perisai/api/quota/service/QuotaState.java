package id.perisai.api.quota.service;

import java.time.Duration;
import java.time.Instant;

import io.vertx.core.MultiMap;

/**
 * A partner's quotas as they stand for the current request: limits and what is used of each window, read in the one
 * statement that authenticates the request (which also counted it). Writes of the request (a batch accepted) update
 * it, so the {@code RateLimit} headers of its response tell what is left afterwards.
 */
public final class QuotaState {

    public static final String REGISTRATIONS = "registrations";
    public static final String CONTRIBUTIONS = "contributions";
    public static final String REQUESTS = "requests";
    public static final long DAY_SECONDS = 86_400;
    public static final long MINUTE_SECONDS = 60;

    private final String partnerCode;
    private final long registrationsPerDay;
    private final long contributionsPerDay;
    private final int maxBatchRecords;
    private final long requestsPerMinute;
    private final Instant now;
    private final Instant dayEnds;
    private final Instant minuteEnds;
    private volatile long registrationsUsed;
    private volatile long contributionsUsed;
    private final long requestsUsed;

    public QuotaState(String partnerCode, long registrationsPerDay, long contributionsPerDay, int maxBatchRecords,
            long requestsPerMinute, long registrationsUsed, long contributionsUsed, long requestsUsed, Instant now,
            Instant dayEnds, Instant minuteEnds) {
        this.partnerCode = partnerCode;
        this.registrationsPerDay = registrationsPerDay;
        this.contributionsPerDay = contributionsPerDay;
        this.maxBatchRecords = maxBatchRecords;
        this.requestsPerMinute = requestsPerMinute;
        this.registrationsUsed = registrationsUsed;
        this.contributionsUsed = contributionsUsed;
        this.requestsUsed = requestsUsed;
        this.now = now;
        this.dayEnds = dayEnds;
        this.minuteEnds = minuteEnds;
    }

    public String partnerCode() {
        return partnerCode;
    }

    public int maxBatchRecords() {
        return maxBatchRecords;
    }

    public Instant dayEnds() {
        return dayEnds;
    }

    public Instant minuteEnds() {
        return minuteEnds;
    }

    public long limit(String quota) {
        return switch (quota) {
            case REGISTRATIONS -> registrationsPerDay;
            case CONTRIBUTIONS -> contributionsPerDay;
            default -> requestsPerMinute;
        };
    }

    public long used(String quota) {
        return switch (quota) {
            case REGISTRATIONS -> registrationsUsed;
            case CONTRIBUTIONS -> contributionsUsed;
            default -> requestsUsed;
        };
    }

    public long remaining(String quota) {
        return Math.max(0, limit(quota) - used(quota));
    }

    public boolean requestsExceeded() {
        return requestsUsed > requestsPerMinute;
    }

    /** Seconds until the quota's window resets (at least 1). */
    public long secondsToReset(String quota) {
        Instant end = REQUESTS.equals(quota) ? minuteEnds : dayEnds;
        return Math.max(1, (Duration.between(now, end).toMillis() + 999) / 1000);
    }

    public long windowSeconds(String quota) {
        return REQUESTS.equals(quota) ? MINUTE_SECONDS : DAY_SECONDS;
    }

    /** After a batch consumed records of a daily quota. */
    public void consumed(String quota, long usedNow) {
        if (REGISTRATIONS.equals(quota)) {
            registrationsUsed = usedNow;
        } else if (CONTRIBUTIONS.equals(quota)) {
            contributionsUsed = usedNow;
        }
    }

    /** {@code RateLimit-Policy} and {@code RateLimit} (IETF httpapi ratelimit-headers draft). */
    public void writeHeaders(MultiMap headers) {
        headers.set("RateLimit-Policy", policy(REGISTRATIONS) + ", " + policy(CONTRIBUTIONS) + ", " + policy(REQUESTS));
        headers.set("RateLimit", state(REGISTRATIONS) + ", " + state(CONTRIBUTIONS) + ", " + state(REQUESTS));
    }

    private String policy(String quota) {
        return "\"" + quota + "\";q=" + limit(quota) + ";w=" + windowSeconds(quota);
    }

    private String state(String quota) {
        return "\"" + quota + "\";r=" + remaining(quota) + ";t=" + secondsToReset(quota);
    }
}
