package id.perisai.api.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook delivery ({@code perisai.webhook.*}, or environment variables {@code PERISAI_WEBHOOK_*}; events.md). */
@ConfigMapping(prefix = "perisai.webhook")
public interface WebhookConfig {

    /**
     * Hosts (names or literal addresses, compared case-insensitively) that may be plain {@code http} and may resolve to
     * loopback, private, link-local or other internal addresses: for development and tests only, empty in production.
     */
    Optional<List<String>> allowedHosts();

    /**
     * Waits before each retry of a failed attempt, in order; after the last one fails the delivery is FAILED. The
     * default retries for about 27.5 hours; jitter of ±{@link #jitter()} is applied to each wait.
     */
    @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
    List<Duration> retrySchedule();

    /** Relative jitter applied to each retry wait (0.2 = ±20 %). */
    @WithDefault("0.2")
    double jitter();

    /** An endpoint whose every attempt failed for this long (no success in between) is DISABLED. */
    @WithDefault("P5D")
    Duration disableAfter();

    /** Connect timeout, and the time an endpoint has to answer an attempt, in total. */
    @WithDefault("PT5S")
    Duration timeout();

    /** How often each replica looks for due deliveries (new events of its own replica are sent at once). */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How long a claimed delivery is held by the replica sending it before another replica may try it again. */
    @WithDefault("PT30S")
    Duration claimLease();

    /** Delivery attempts a replica has in flight at most (a sliding window: freed slots are refilled). */
    @WithDefault("64")
    int concurrency();

    /** Whether this replica delivers webhooks (every replica does by default). */
    @WithDefault("true")
    boolean deliveryEnabled();

    /** How long the previous secret still signs after a rotation. */
    @WithDefault("PT24H")
    Duration rotationOverlap();

    /** How often a live progress stream looks at its batch (one query per batch and interval, however many listen). */
    @WithDefault("PT0.5S")
    Duration progressInterval();
}
