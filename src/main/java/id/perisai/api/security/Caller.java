package id.perisai.api.security;

import java.util.Set;

import id.perisai.api.quota.service.QuotaState;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, as established from a verified token: the token's {@code sub}, {@code jti} and {@code client_id},
 * and for partner tokens the partner (code and database id) the call acts for and the state of its quotas. Resources
 * read it from the {@link SecurityIdentity}; services use it to scope data, enforce quotas and audit.
 */
public record Caller(String subject, String tokenId, String clientId, String partnerCode, Long partnerId,
        Set<String> scopes, QuotaState quota) {

    public static final String ATTRIBUTE = "perisai.caller";

    /** The caller of the current request; only valid on authenticated endpoints. */
    public static Caller of(SecurityIdentity identity) {
        Caller caller = identity.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("endpoint reached without an authenticated caller");
        }
        return caller;
    }

    public boolean isPartner() {
        return partnerId != null;
    }

    /** The partner this call acts for; partner-scoped endpoints only. */
    public long requirePartnerId() {
        if (partnerId == null) {
            throw new IllegalStateException("partner-scoped endpoint reached without partner_id");
        }
        return partnerId;
    }
}
