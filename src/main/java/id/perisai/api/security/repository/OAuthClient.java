package id.perisai.api.security.repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An OAuth2 client-credentials client; {@code partnerId} null means an agency-staff client. */
@Entity
@Table(name = "oauth_client")
public class OAuthClient {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "client_id", nullable = false, updatable = false)
    public String clientId;
    @Column(name = "partner_id", updatable = false)
    public Long partnerId;
    @Column(nullable = false)
    public String name;
    /** Space-separated, as in the OAuth2 {@code scope} parameter. */
    @Column(nullable = false)
    public String scopes;
    @Column(name = "secret_hash", nullable = false)
    public String secretHash;
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public Set<String> scopeSet() {
        return new TreeSet<>(Arrays.asList(scopes.trim().split("\\s+")));
    }

    public static String joinScopes(Set<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }
}
