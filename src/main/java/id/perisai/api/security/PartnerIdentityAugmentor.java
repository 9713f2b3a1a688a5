package id.perisai.api.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import id.perisai.api.security.repository.TokenSubjectRepository;
import id.perisai.api.security.repository.TokenSubjectRepository.TokenSubject;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Completes authentication after the JWT itself has been verified (signature, algorithm, iss, aud, exp, iat and the
 * required claims are checked by SmallRye JWT): a partner scope requires {@code partner_id} naming an existing
 * partner, a SUSPENDED partner is refused with 403, and a token of a revoked OAuth client stops working at once.
 * The outcome is a {@link Caller} attached to the identity.
 */
@ApplicationScoped
public class PartnerIdentityAugmentor implements SecurityIdentityAugmentor {

    static final String PARTNER_CLAIM = "partner_id";
    static final String CLIENT_CLAIM = "client_id";

    private final TokenSubjectRepository subjects;

    public PartnerIdentityAugmentor(TokenSubjectRepository subjects) {
        this.subjects = subjects;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
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
            Caller caller = new Caller(subject, tokenId, clientId, null, null, scopes);
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
        return subjects.find(partnerCode, clientId).map(found -> {
            check(found, clientId);
            return with(identity, new Caller(subject, tokenId, clientId, partnerCode, found.partnerId(), scopes));
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
