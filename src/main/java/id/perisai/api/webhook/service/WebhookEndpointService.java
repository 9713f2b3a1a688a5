package id.perisai.api.webhook.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditEntry.Actor;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.web.Ids;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.security.Caller;
import id.perisai.api.security.crypto.PiiCrypto;
import id.perisai.api.webhook.WebhookConfig;
import id.perisai.api.webhook.delivery.DestinationPolicy;
import id.perisai.api.webhook.delivery.DestinationPolicy.RefusedException;
import id.perisai.api.webhook.delivery.Signatures;
import id.perisai.api.webhook.delivery.WebhookDispatcher;
import id.perisai.api.webhook.dto.CreateWebhookEndpointRequest;
import id.perisai.api.webhook.dto.UpdateWebhookEndpointRequest;
import id.perisai.api.webhook.dto.WebhookDeliveryResponse;
import id.perisai.api.webhook.dto.WebhookEndpointResponse;
import id.perisai.api.webhook.event.WebhookEventType;
import id.perisai.api.webhook.repository.DeliveryStatus;
import id.perisai.api.webhook.repository.WebhookRepository;
import id.perisai.api.webhook.repository.WebhookRepository.Endpoint;
import io.smallrye.mutiny.Uni;

/**
 * A partner's webhook endpoints (events.md): the secret is generated here, returned once and stored encrypted
 * ({@link PiiCrypto}, like personal data); a rotation keeps the previous secret signing for
 * {@code PERISAI_WEBHOOK_ROTATION_OVERLAP}. Every write is audited in its transaction (never the URL or the secret).
 */
@ApplicationScoped
public class WebhookEndpointService {

    static final String RESOURCE = "webhook_endpoint";
    static final String ENDPOINT = "Webhook endpoint";
    static final String DELIVERY = "Webhook delivery";

    private final WebhookRepository endpoints;
    private final PiiCrypto crypto;
    private final AuditLog audit;
    private final WebhookConfig config;
    private final DestinationPolicy policy;
    private final WebhookDispatcher dispatcher;

    public WebhookEndpointService(WebhookRepository endpoints, PiiCrypto crypto, AuditLog audit, WebhookConfig config,
            WebhookDispatcher dispatcher) {
        this.endpoints = endpoints;
        this.crypto = crypto;
        this.audit = audit;
        this.config = config;
        this.policy = dispatcher.policy();
        this.dispatcher = dispatcher;
    }

    public Uni<WebhookEndpointResponse> create(CreateWebhookEndpointRequest request, Caller caller) {
        String url = checkedUrl(request.url());
        List<String> events = events(request.events());
        String secret = Signatures.newSecret();
        UUID id = UUID.randomUUID();
        String description = blankToNull(request.description());
        return endpoints.pool().withTransaction(tx -> endpoints
                .insert(tx, id, caller.requirePartnerId(), url, description, events, crypto.encrypt(secret))
                .call(e -> audit.record(tx, Actor.of(caller), AuditEntry.of("WEBHOOK_ENDPOINT_CREATED",
                        caller.partnerCode(), RESOURCE, id.toString()).with(Map.of("events", String.join(" ", events))))))
                .map(e -> toResponse(e).withSecret(secret));
    }

    public Uni<Page<WebhookEndpointResponse>> list(Caller caller, PageRequest page) {
        Instant after = null;
        UUID afterId = null;
        if (page.after() != null) {
            String[] key = page.after().split("\\|", 2);
            try {
                after = Instant.ofEpochMilli(Long.parseLong(key[0]));
                afterId = key.length == 2 ? Ids.uuid(key[1]) : null;
            } catch (NumberFormatException e) {
                afterId = null;
            }
            if (afterId == null) {
                throw new InvalidInputException("cursor", "INVALID_CURSOR", "is not a cursor returned by this list");
            }
        }
        return endpoints.list(caller.requirePartnerId(), after, afterId, page.fetchSize())
                .map(found -> Page.of(found, page, e -> e.createdAt().toEpochMilli() + "|" + e.id())
                        .map(WebhookEndpointService::toResponse));
    }

    public Uni<WebhookEndpointResponse> get(Caller caller, String endpointId) {
        return find(caller, endpointId).map(WebhookEndpointService::toResponse);
    }

    public Uni<WebhookEndpointResponse> update(Caller caller, String endpointId, UpdateWebhookEndpointRequest request) {
        UUID id = Ids.uuid(endpointId);
        String url = request.url() == null ? null : checkedUrl(request.url());
        List<String> events = request.events() == null ? null : events(request.events());
        return endpoints.pool().withTransaction(tx -> endpoints.find(tx, caller.requirePartnerId(), id, true)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException(ENDPOINT))
                .flatMap(e -> endpoints.update(tx, new Endpoint(e.id(), e.partnerId(), url == null ? e.url() : url,
                        request.description() == null ? e.description() : blankToNull(request.description()),
                        events == null ? e.events() : events, request.status() == null ? e.status() : request.status(),
                        e.secretCipher(), e.previousSecretCipher(), e.previousSecretUntil(), e.createdAt(),
                        e.updatedAt())))
                .call(e -> audit.record(tx, Actor.of(caller), AuditEntry.of("WEBHOOK_ENDPOINT_UPDATED",
                        caller.partnerCode(), RESOURCE, e.id().toString()).with(Map.of("status", e.status().name())))))
                .map(WebhookEndpointService::toResponse);
    }

    public Uni<Void> delete(Caller caller, String endpointId) {
        UUID id = Ids.uuid(endpointId);
        return endpoints.pool().withTransaction(tx -> endpoints.delete(tx, caller.requirePartnerId(), id)
                .flatMap(deleted -> {
                    if (!deleted) {
                        return Uni.createFrom().failure(new ResourceNotFoundException(ENDPOINT));
                    }
                    return audit.record(tx, Actor.of(caller), AuditEntry.of("WEBHOOK_ENDPOINT_DELETED",
                            caller.partnerCode(), RESOURCE, id.toString()));
                }));
    }

    /** A new secret, returned once; the current one keeps signing (a second signature) for the overlap. */
    public Uni<WebhookEndpointResponse> rotate(Caller caller, String endpointId) {
        UUID id = Ids.uuid(endpointId);
        String secret = Signatures.newSecret();
        Instant until = Instant.now().plus(config.rotationOverlap()).truncatedTo(ChronoUnit.MILLIS);
        return endpoints.pool().withTransaction(tx -> endpoints.find(tx, caller.requirePartnerId(), id, true)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException(ENDPOINT))
                .flatMap(e -> endpoints.rotate(tx, caller.requirePartnerId(), id, crypto.encrypt(secret), until))
                .call(e -> audit.record(tx, Actor.of(caller), AuditEntry.of("WEBHOOK_SECRET_ROTATED",
                        caller.partnerCode(), RESOURCE, id.toString()))))
                .map(e -> toResponse(e).withSecret(secret));
    }

    public Uni<Page<WebhookDeliveryResponse>> deliveries(Caller caller, String endpointId, DeliveryStatus status,
            PageRequest page) {
        Instant before = null;
        UUID beforeId = null;
        if (page.after() != null) {
            String[] key = page.after().split("\\|", 2);
            try {
                before = Instant.ofEpochMilli(Long.parseLong(key[0]));
                beforeId = key.length == 2 ? Ids.uuid(key[1]) : null;
            } catch (NumberFormatException e) {
                beforeId = null;
            }
            if (beforeId == null) {
                throw new InvalidInputException("cursor", "INVALID_CURSOR", "is not a cursor returned by this list");
            }
        }
        Instant from = before;
        UUID fromId = beforeId;
        return find(caller, endpointId)
                .flatMap(e -> endpoints.deliveries(e.id(), status, from, fromId, page.fetchSize()))
                .map(found -> Page.of(found, page, d -> d.createdAt().toEpochMilli() + "|" + d.id())
                        .map(WebhookDeliveryResponse::of));
    }

    /** One more attempt now, whatever the delivery's state (a FAILED one becomes PENDING again). */
    public Uni<WebhookDeliveryResponse> retry(Caller caller, String endpointId, String deliveryId) {
        UUID id = Ids.uuid(deliveryId);
        return endpoints.pool().withTransaction(tx -> endpoints
                .find(tx, caller.requirePartnerId(), Ids.uuid(endpointId), false)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException(ENDPOINT))
                .flatMap(e -> id == null ? Uni.createFrom().<WebhookRepository.Delivery> nullItem()
                        : endpoints.retryNow(tx, e.id(), id))
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException(DELIVERY))
                .call(d -> audit.record(tx, Actor.of(caller), AuditEntry.of("WEBHOOK_DELIVERY_RETRIED",
                        caller.partnerCode(), "webhook_delivery", d.id().toString()))))
                .invoke(d -> dispatcher.wake())
                .map(WebhookDeliveryResponse::of);
    }

    private Uni<Endpoint> find(Caller caller, String endpointId) {
        UUID id = Ids.uuid(endpointId);
        if (id == null) {
            return Uni.createFrom().failure(new ResourceNotFoundException(ENDPOINT));
        }
        return endpoints.find(endpoints.pool(), caller.requirePartnerId(), id, false)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException(ENDPOINT));
    }

    private String checkedUrl(String url) {
        String trimmed = url.trim();
        try {
            policy.checkAtRegistration(trimmed);
        } catch (RefusedException refused) {
            throw new UrlRefusedException("URL_" + refused.refusal().name().replace("URL_", ""),
                    switch (refused.refusal()) {
                        case SCHEME_NOT_ALLOWED -> "must be an https URL";
                        case ADDRESS_NOT_ALLOWED -> "must not point at a loopback, private, link-local, unique-local,"
                                + " multicast or metadata address";
                        default -> "must be an absolute https URL without user information or fragment";
                    });
        }
        return trimmed;
    }

    static List<String> events(List<WebhookEventType> requested) {
        LinkedHashSet<String> events = new LinkedHashSet<>();
        for (WebhookEventType type : requested) {
            events.add(type.wireName());
        }
        return new ArrayList<>(events);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static WebhookEndpointResponse toResponse(Endpoint e) {
        Instant previous = e.previousSecretUntil() != null && e.previousSecretUntil().isAfter(Instant.now())
                ? e.previousSecretUntil()
                : null;
        return new WebhookEndpointResponse(e.id(), e.url(), e.description(),
                e.events().stream().map(WebhookEventType::of).toList(), e.status(), null, previous, e.createdAt(),
                e.updatedAt());
    }
}
