package id.perisai.api.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import id.perisai.api.common.time.TimeSource;
import id.perisai.api.quota.service.QuotaMetrics;
import id.perisai.api.quota.service.QuotaState;
import id.perisai.api.quota.service.RateLimitedException;
import id.perisai.api.security.repository.TokenSubjectRepository;
import id.perisai.api.security.repository.TokenSubjectRepository.TokenSubject;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Completes authentication after the JWT itself has been verified (signature, algorithm, iss, aud, exp, iat, the
 * required claims and the longest lifetime {@code exp − iat}, {@code SMALLRYE_JWT_TIME_TO_LIVE}, are checked by
 * SmallRye JWT): {@code scope} must be a space-separated string (SmallRye would take a JSON array's elements as
 * roles), {@code iat} must not lie in the future (a lifetime counted from a future {@code iat} never ends), a partner
 * scope requires {@code partner_id} naming an existing partner, a token of a revoked OAuth client stops working at once, a
 * SUSPENDED partner is refused with 403, and a
 * partner over its {@code requestsPerMinute} gets 429. The outcome is a {@link Caller} attached to the identity, with
 * the partner's quota state; every response to it carries the {@code RateLimit} headers.
 */
@ApplicationScoped
public class PartnerIdentityAugmentor implements SecurityIdentityAugmentor {

    static final String PARTNER_CLAIM = "partner_id";
    static final String CLIENT_CLAIM = "client_id";
    static final String ROUTING_CONTEXT = "quarkus.http.routing.context";
    static final String SCOPE_CLAIM = "scope";

    private final TokenSubjectRepository subjects;
    private final TimeSource time;
    private final QuotaMetrics metrics;

    private final long clockSkewSeconds;

    public PartnerIdentityAugmentor(TokenSubjectRepository subjects, TimeSource time, QuotaMetrics metrics,
            @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long clockSkewSeconds) {
        this.subjects = subjects;
        this.time = time;
        this.metrics = metrics;
        this.clockSkewSeconds = clockSkewSeconds;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
            Map<String, Object> attributes) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        if (stringClaim(jwt, SCOPE_CLAIM) == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("scope is not a space-separated string"));
        }
        // the token's own clock, like exp: the real one, not the service's (movable) business time
        if (jwt.getIssuedAtTime() > Instant.now().getEpochSecond() + clockSkewSeconds) {
            return Uni.createFrom().failure(new AuthenticationFailedException("iat is in the future"));
        }
        Set<String> scopes = Set.copyOf(identity.getRoles());
        String clientId = stringClaim(jwt, CLIENT_CLAIM);
        String subject = jwt.getSubject();
        String tokenId = jwt.getTokenID();
        Object partnerClaim = jwt.getClaim(PARTNER_CLAIM);
        if (partnerClaim == null) {
            if (Scopes.anyPartnerScope(scopes)) {
                return Uni.createFrom().failure(new AuthenticationFailedException("partner scope without partner_id"));
            }
            Caller caller = new Caller(subject, tokenId, clientId, null, null, scopes, null);
            if (clientId == null) {
                return Uni.createFrom().item(with(identity, caller));
            }
            return subjects.clientActive(clientId).map(active -> {
                if (!active) {
                    throw new AuthenticationFailedException("client revoked or unknown");
                }
                return with(identity, caller);
            });
        }
        String partnerCode = stringClaim(jwt, PARTNER_CLAIM);
        if (partnerCode == null || partnerCode.isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("partner_id is not a string"));
        }
        Instant now = time.now();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        return subjects.find(partnerCode, clientId, window, time.todayWib()).map(found -> {
            check(found, clientId);
            QuotaState quota = new QuotaState(partnerCode, found.registrationsPerDay(), found.contributionsPerDay(),
                    found.maxBatchRecords(), found.requestsPerMinute(), found.registrationsUsed(),
                    found.contributionsUsed(), found.requestsUsed(), now,
                    time.todayWib().plusDays(1).atStartOfDay(TimeSource.WIB).toInstant(), window.plusSeconds(60));
            if (attributes.get(ROUTING_CONTEXT) instanceof RoutingContext routing) {
                routing.addHeadersEndHandler(v -> quota.writeHeaders(routing.response().headers()));
            }
            if (quota.requestsExceeded()) {
                metrics.refused(partnerCode, QuotaState.REQUESTS);
                throw new RateLimitedException(found.requestsPerMinute(), quota.secondsToReset(QuotaState.REQUESTS));
            }
            return with(identity, new Caller(subject, tokenId, clientId, partnerCode, found.partnerId(), scopes, quota));
        });
    }

    private static void check(TokenSubject found, String clientId) {
        if (found == null) {
            throw new AuthenticationFailedException("unknown partner");
        }
        if (clientId != null && (!found.clientKnown() || found.clientRevoked()
                || found.clientPartnerId() == null || found.clientPartnerId() != found.partnerId())) {
            throw new AuthenticationFailedException("client revoked, unknown or of another partner");
        }
        if (!"ACTIVE".equals(found.partnerStatus())) {
            throw new PartnerSuspendedException();
        }
    }

    private static SecurityIdentity with(SecurityIdentity identity, Caller caller) {
        return QuarkusSecurityIdentity.builder(identity).addAttribute(Caller.ATTRIBUTE, caller).build();
    }

    private static String stringClaim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof jakarta.json.JsonString js) {
            return js.getString();
        }
        return null;
    }
}
