package id.perisai.api.partner.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditEntry.Actor;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.partner.dto.ClientCreatedResponse;
import id.perisai.api.partner.dto.ClientResponse;
import id.perisai.api.partner.dto.CreateClientRequest;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import id.perisai.api.security.crypto.SecretHasher;
import id.perisai.api.security.repository.OAuthClient;
import id.perisai.api.security.repository.OAuthClientRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** A partner's OAuth2 clients, managed by agency staff. */
@ApplicationScoped
public class PartnerClientService {

    static final String RESOURCE = "oauth_client";

    private final PartnerService partners;
    private final OAuthClientRepository clients;
    private final SecretHasher hasher;
    private final AuditLog audit;
    private final TimeSource time;

    public PartnerClientService(PartnerService partners, OAuthClientRepository clients, SecretHasher hasher,
            AuditLog audit, TimeSource time) {
        this.partners = partners;
        this.clients = clients;
        this.hasher = hasher;
        this.audit = audit;
        this.time = time;
    }

    /** Creates a client; only the keyed hash of its secret is stored, the secret is returned once. */
    public Uni<ClientCreatedResponse> create(String partnerCode, CreateClientRequest request, Caller caller) {
        Set<String> scopes = validScopes(request.scopes());
        String clientId = ClientCredentialsGenerator.clientId();
        String secret = ClientCredentialsGenerator.secret();
        String hash = hasher.hash(clientId, secret);
        return Panache.withTransaction(() -> partners.find(partnerCode)
                .flatMap(partner -> {
                    OAuthClient client = new OAuthClient();
                    client.clientId = clientId;
                    client.partnerId = partner.id;
                    client.name = request.name().trim();
                    client.scopes = OAuthClient.joinScopes(scopes);
                    client.secretHash = hash;
                    client.createdAt = time.now();
                    return clients.persistAndFlush(client)
                            .call(saved -> audit.record(Actor.of(caller),
                                    AuditEntry.of("CLIENT_CREATED", partner.code, RESOURCE, clientId)
                                            .with(Map.of("scopes", saved.scopes))));
                }))
                .map(saved -> new ClientCreatedResponse(saved.clientId, secret, saved.name,
                        List.copyOf(saved.scopeSet()), saved.createdAt));
    }

    @WithSession
    public Uni<Page<ClientResponse>> list(String partnerCode, PageRequest page) {
        return partners.find(partnerCode)
                .flatMap(partner -> clients.listOfPartner(partner.id, page.after(), page.fetchSize()))
                .map(found -> Page.of(found, page, c -> c.clientId).map(PartnerClientService::toResponse));
    }

    /** Revokes a client: it gets no new tokens, and its unexpired tokens stop working at once. Idempotent. */
    @WithTransaction
    public Uni<Void> revoke(String partnerCode, String clientId, Caller caller) {
        return partners.find(partnerCode)
                .flatMap(partner -> clients.findOfPartner(partner.id, clientId)
                        .onItem().ifNull().failWith(() -> new ResourceNotFoundException("Client"))
                        .flatMap(client -> {
                            if (client.revokedAt != null) {
                                return Uni.createFrom().voidItem();
                            }
                            client.revokedAt = time.now();
                            return clients.flush().call(() -> audit.record(Actor.of(caller),
                                    AuditEntry.of("CLIENT_REVOKED", partner.code, RESOURCE, clientId)));
                        }))
                .replaceWithVoid();
    }

    static Set<String> validScopes(List<String> requested) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> scopes = new TreeSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String scope = requested.get(i);
            if (Scopes.ADMIN.equals(scope)) {
                errors.add(new FieldError("scopes[" + i + "]", "SCOPE_NOT_ALLOWED",
                        "admin is for agency staff, not for partner clients"));
            } else if (!Scopes.PARTNER.contains(scope)) {
                errors.add(new FieldError("scopes[" + i + "]", "SCOPE_INVALID",
                        "must be one of " + String.join(", ", new TreeSet<>(Scopes.PARTNER))));
            } else {
                scopes.add(scope);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return scopes;
    }

    static ClientResponse toResponse(OAuthClient c) {
        return new ClientResponse(c.clientId, c.name, List.copyOf(c.scopeSet()),
                c.revokedAt == null ? "ACTIVE" : "REVOKED", c.createdAt, c.lastUsedAt, c.revokedAt);
    }
}
