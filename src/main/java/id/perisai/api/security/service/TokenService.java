package id.perisai.api.security.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.security.Scopes;
import id.perisai.api.security.crypto.SecretHasher;
import id.perisai.api.security.repository.OAuthClientRepository;
import id.perisai.api.security.repository.OAuthClientRepository.ClientCredentials;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The OAuth2 client-credentials issuer: authenticates a client, narrows its scopes to the requested ones and signs a
 * short-lived RS256 access token with {@code iss}, {@code aud}, {@code sub} (the client id), {@code client_id},
 * {@code partner_id} (partner clients), {@code scope}, {@code iat}, {@code exp} and {@code jti}.
 *
 * <p>
 * A request from a source (or a client id from a source) that failed too often is refused before anything is looked
 * up ({@link TokenThrottle}); nothing else limits the endpoint, so nobody's failures hold up anybody else's tokens. A
 * successful request whose stored hash is bcrypt or under an earlier key rewrites it under the current key, in the
 * transaction that records the token.
 */
@ApplicationScoped
public class TokenService {

    static final Duration MAX_TTL = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(TokenService.class);

    /** An issued token. */
    public record IssuedToken(String accessToken, long expiresIn, String scope) {
    }

    private record Grant(ClientCredentials client, String token, String tokenId, Set<String> scopes, String newHash) {
    }

    private final OAuthClientRepository clients;
    private final SecretHasher hasher;
    private final TokenThrottle throttle;
    private final Vertx vertx;
    private final SigningKey signingKey;
    private final AuditLog audit;
    private final TimeSource time;
    private final Pool pool;
    private final Duration ttl;
    private final String issuer;
    private final String audience;

    public TokenService(OAuthClientRepository clients, SecretHasher hasher, TokenThrottle throttle,
            Vertx vertx, SigningKey signingKey, AuditLog audit, TimeSource time, Pool pool,
            PerisaiConfig config,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") List<String> audiences,
            @ConfigProperty(name = "smallrye.jwt.time-to-live") Optional<Long> maxLifetimeSeconds) {
        this.clients = clients;
        this.hasher = hasher;
        this.throttle = throttle;
        this.vertx = vertx;
        this.signingKey = signingKey;
        this.audit = audit;
        this.time = time;
        this.pool = pool;
        this.ttl = config.oauth().tokenTtl();
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalStateException("PERISAI_OAUTH_TOKEN_TTL must be positive and at most PT1H");
        }
        if (maxLifetimeSeconds.isEmpty() || maxLifetimeSeconds.get() <= 0) {
            throw new IllegalStateException("SMALLRYE_JWT_TIME_TO_LIVE must be set to the longest accepted token lifetime"
                    + " in seconds (e.g. 3600)");
        }
        if (ttl.toSeconds() > maxLifetimeSeconds.get()) {
            throw new IllegalStateException("PERISAI_OAUTH_TOKEN_TTL (" + ttl + ") is longer than SMALLRYE_JWT_TIME_TO_LIVE ("
                    + maxLifetimeSeconds.get() + " s): the tokens we issue would be refused");
        }
        this.issuer = issuer;
        this.audience = audiences.get(0);
    }

    /** Start-up check: a token we sign must pass our own verification (the signing key's public half is trusted). */
    void verifySigningKeyIsTrusted(@Observes StartupEvent event, JWTParser parser) {
        String probe = sign("startup-self-check", null, null, Set.of(), UUID.randomUUID().toString());
        try {
            parser.parse(probe);
        } catch (Exception e) {
            // the key itself was found among the verification keys (SigningKey): what is left is the claims
            throw new IllegalStateException("A token signed with SMALLRYE_JWT_SIGN_KEY_LOCATION (kid " + signingKey.keyId()
                    + ") does not pass verification: check that MP_JWT_VERIFY_ISSUER and MP_JWT_VERIFY_AUDIENCES are what"
                    + " /oauth2/token issues, and that MP_JWT_VERIFY_PUBLICKEY_LOCATION gives no other key that kid");
        }
        LOG.infof("OAuth2 issuer ready: iss=%s aud=%s kid=%s token lifetime %s", issuer, audience, signingKey.keyId(), ttl);
    }

    /**
     * @param source the request's source address (the peer's, or the one a trusted proxy forwards)
     */
    public Uni<IssuedToken> issue(TokenRequest request, String source) {
        String clientId = request.clientId();
        long wait = throttle.refusedForSeconds(source, clientId);
        if (wait > 0) {
            return Uni.createFrom().failure(new TokenThrottledException(wait));
        }
        return clients.findCredentials(clientId)
                .flatMap(client -> hasher.verify(clientId, request.clientSecret(), client == null ? null : client.secretHash())
                        .map(check -> authenticated(client, check, source, clientId)))
                // signing is a few milliseconds of CPU: off the event loop
                .flatMap(authenticated -> vertx.executeBlocking(Uni.createFrom().item(() -> grant(authenticated, request))))
                .call(this::recordUse)
                .map(grant -> new IssuedToken(grant.token(), ttl.toSeconds(), String.join(" ", grant.scopes())));
    }

    private record Authenticated(ClientCredentials client, boolean rehash) {
    }

    private Authenticated authenticated(ClientCredentials client, SecretHasher.Check check, String source,
            String clientId) {
        if (!check.matches()) {
            throttle.failed(source, clientId);
            throw OAuthException.invalidClient();
        }
        throttle.succeeded(source, clientId);
        return new Authenticated(client, check.rehash());
    }

    /** Runs on a worker thread after the secret check: pure computation, no I/O. */
    private Grant grant(Authenticated authenticated, TokenRequest request) {
        ClientCredentials client = authenticated.client();
        String requestedScope = request.scope();
        if (client.revoked()) {
            throw OAuthException.invalidClient();
        }
        if (client.partnerCode() != null && !"ACTIVE".equals(client.partnerStatus())) {
            throw OAuthException.unauthorizedClient("The partner of this client is suspended");
        }
        Set<String> scopes = narrow(split(client.scopes()), requestedScope);
        String tokenId = UUID.randomUUID().toString();
        String token = sign(client.clientId(), client.clientId(), client.partnerCode(), scopes, tokenId);
        String newHash = authenticated.rehash() ? hasher.hash(client.clientId(), request.clientSecret()) : null;
        return new Grant(client, token, tokenId, scopes, newHash);
    }

    /**
     * The scopes of the token: all of the client's when none are asked for, else the asked ones the client holds.
     * RFC 6749 §3.3 lets the server issue fewer scopes than requested (the response's {@code scope} says which), so a
     * console's "select all" works; unknown scope names, or asking only for scopes the client lacks, is
     * {@code invalid_scope}.
     */
    static Set<String> narrow(Set<String> granted, String requested) {
        if (requested == null || requested.isBlank()) {
            return granted;
        }
        Set<String> issued = new TreeSet<>();
        for (String scope : split(requested)) {
            if (!Scopes.ALL.contains(scope)) {
                throw OAuthException.invalidScope("The scope parameter names a scope that does not exist");
            }
            if (granted.contains(scope)) {
                issued.add(scope);
            }
        }
        if (issued.isEmpty()) {
            throw OAuthException.invalidScope("None of the requested scopes is granted to this client");
        }
        return issued;
    }

    private static Set<String> split(String scopes) {
        return new TreeSet<>(new LinkedHashSet<>(Arrays.asList(scopes.trim().split("\\s+"))));
    }

    private String sign(String subject, String clientId, String partnerCode, Set<String> scopes, String tokenId) {
        Instant now = time.now();
        var claims = Jwt.issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("jti", tokenId)
                .claim("scope", String.join(" ", scopes));
        if (clientId != null) {
            claims.claim("client_id", clientId);
        }
        if (partnerCode != null) {
            claims.claim("partner_id", partnerCode);
        }
        return claims.jws().keyId(signingKey.keyId()).algorithm(SignatureAlgorithm.RS256).sign(signingKey.privateKey());
    }

    private Uni<Void> recordUse(Grant grant) {
        ClientCredentials client = grant.client();
        AuditEntry entry = AuditEntry.of("TOKEN_ISSUED", client.partnerCode(), "oauth_client", client.clientId())
                .with(Map.of("scope", String.join(" ", grant.scopes())));
        AuditEntry.Actor actor = new AuditEntry.Actor(client.partnerCode(), client.clientId(), grant.tokenId(),
                client.clientId());
        // a bcrypt hash, or one under an earlier key, is rewritten under the current key (unless it changed meanwhile)
        return pool.withTransaction(connection -> connection.preparedQuery("""
                update oauth_client
                   set last_used_at = now(),
                       secret_hash = case when $2::text is not null and secret_hash = $3 then $2 else secret_hash end
                 where id = $1
                """).execute(Tuple.of(client.id(), grant.newHash(), client.secretHash()))
                .flatMap(updated -> audit.record(connection, actor, entry)));
    }
}
