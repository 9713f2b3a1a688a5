package id.perisai.api.security.service;

import java.time.Instant;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import id.perisai.api.common.config.PerisaiConfig;

/**
 * Throttles failed client authentications at the token endpoint, in memory, per replica:
 * <ul>
 * <li>a <b>source address</b> with {@code PERISAI_OAUTH_THROTTLE_FAILURES_PER_SOURCE} failures in a window is refused
 * (429) before anything is looked up, whatever client id it names;</li>
 * <li>a <b>client id from one address</b> with {@code PERISAI_OAUTH_THROTTLE_FAILURES_PER_CLIENT} failures is refused
 * from that address, so one misconfigured system behind a shared address stops early without locking out its
 * neighbours.</li>
 * </ul>
 * A client id is never refused for everybody: client ids are not secret (they are in every token), so a lock per
 * client id would let anyone shut any partner out by failing on its id — and guessing a 256-bit secret is hopeless
 * anyway. A legitimate client is therefore only ever refused because of failures from its own address. The source
 * address is the peer's, or the one a trusted proxy forwards ({@code QUARKUS_HTTP_PROXY_*}).
 */
@ApplicationScoped
public class TokenThrottle {

    private final FailureWindows sources;
    private final FailureWindows pairs;

    @Inject
    public TokenThrottle(PerisaiConfig config) {
        this(config.oauth().throttle().failuresPerSource(), config.oauth().throttle().failuresPerClient(),
                config.oauth().throttle().window(), config.oauth().throttle().trackedKeys(), Instant::now);
    }

    TokenThrottle(int perSource, int perClient, java.time.Duration window, int tracked, Supplier<Instant> clock) {
        this.sources = new FailureWindows(perSource, window, tracked, clock);
        this.pairs = new FailureWindows(perClient, window, tracked, clock);
    }

    /** Seconds the request must wait (its Retry-After), or 0 when it may be checked. */
    public long refusedForSeconds(String source, String clientId) {
        return Math.max(sources.refusedForSeconds(source), pairs.refusedForSeconds(pair(source, clientId)));
    }

    /** A wrong secret, or an unknown client id. */
    public void failed(String source, String clientId) {
        sources.failed(source);
        pairs.failed(pair(source, clientId));
    }

    /** A client authenticated: its own failures from this address are forgiven (not the address's). */
    public void succeeded(String source, String clientId) {
        pairs.clear(pair(source, clientId));
    }

    private static String pair(String source, String clientId) {
        return clientId + '\n' + source;
    }
}
