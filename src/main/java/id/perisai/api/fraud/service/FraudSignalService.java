package id.perisai.api.fraud.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditEntry.Actor;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.problem.ConflictException;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.common.web.Ids;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.common.web.QueryParams;
import id.perisai.api.fraud.dto.FraudSignalResponse;
import id.perisai.api.fraud.dto.ResolveRequest;
import id.perisai.api.fraud.repository.FraudSignalRepository;
import id.perisai.api.fraud.repository.FraudSignalRepository.StoredSignal;
import id.perisai.api.fraud.rules.SignalType;
import id.perisai.api.security.Caller;
import io.smallrye.mutiny.Uni;

/** Reading and reviewing fraud signals (agency staff only: partners never see them). */
@ApplicationScoped
public class FraudSignalService {

    static final String RESOURCE = "fraud-signal";

    private final FraudSignalRepository signals;
    private final AuditLog audit;
    private final TimeSource time;
    private final ObjectMapper json;
    private final FraudMetrics metrics;

    public FraudSignalService(FraudSignalRepository signals, AuditLog audit, TimeSource time, ObjectMapper json,
            FraudMetrics metrics) {
        this.signals = signals;
        this.audit = audit;
        this.time = time;
        this.json = json;
        this.metrics = metrics;
    }

    public Uni<Page<FraudSignalResponse>> list(String status, String type, String partnerCode, String agentCode,
            PageRequest page) {
        SignalType.Status s = status == null ? null : QueryParams.enumValue(status, SignalType.Status.class, "status");
        SignalType t = type == null ? null : QueryParams.enumValue(type, SignalType.class, "type");
        OffsetDateTime afterAt = null;
        UUID afterId = null;
        if (page.after() != null) {
            String[] parts = page.after().split("\\|", 2);
            try {
                afterAt = OffsetDateTime.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw new InvalidInputException("cursor", "INVALID_CURSOR", "is not a cursor returned by this list");
            }
        }
        return signals.list(s == null ? null : s.name(), t == null ? null : t.name(), blankToNull(partnerCode),
                blankToNull(agentCode), afterAt, afterId, page.fetchSize())
                .map(rows -> Page.of(rows, page, r -> r.raisedAt().toString() + "|" + r.id()).map(this::response));
    }

    public Uni<FraudSignalResponse> get(String id) {
        UUID uuid = Ids.uuid(id);
        if (uuid == null) {
            return Uni.createFrom().failure(new ResourceNotFoundException("Fraud signal"));
        }
        return signals.find(signals.pool(), uuid, false).map(s -> {
            if (s == null) {
                throw new ResourceNotFoundException("Fraud signal");
            }
            return response(s);
        });
    }

    /**
     * CLEARED or CONFIRMED, once (409 when already resolved); {@code suspendAgent} (CONFIRMED only) suspends the
     * signal's agent. Audited, in one transaction with the change.
     */
    public Uni<FraudSignalResponse> resolve(String id, ResolveRequest body, Caller caller) {
        UUID uuid = Ids.uuid(id);
        if (uuid == null) {
            return Uni.createFrom().failure(new ResourceNotFoundException("Fraud signal"));
        }
        if (body == null || body.resolution() == null) {
            return Uni.createFrom().failure(new InvalidInputException("resolution", "REQUIRED", "is required"));
        }
        if (!"CLEARED".equals(body.resolution()) && !"CONFIRMED".equals(body.resolution())) {
            return Uni.createFrom().failure(
                    new InvalidInputException("resolution", "INVALID_VALUE", "must be CLEARED or CONFIRMED"));
        }
        if (body.note() != null && body.note().length() > 500) {
            return Uni.createFrom().failure(new InvalidInputException("note", "TOO_LONG", "must be at most 500 characters"));
        }
        boolean suspend = Boolean.TRUE.equals(body.suspendAgent());
        if (suspend && !"CONFIRMED".equals(body.resolution())) {
            return Uni.createFrom().failure(new InvalidInputException(List.of(new FieldError("suspendAgent",
                    "SUSPEND_REQUIRES_CONFIRMED", "an agent is suspended only with resolution CONFIRMED"))));
        }
        OffsetDateTime now = time.now().atOffset(ZoneOffset.UTC);
        return signals.pool().withTransaction(tx -> signals.find(tx, uuid, true).flatMap(s -> {
            if (s == null) {
                return Uni.createFrom().<Void> failure(new ResourceNotFoundException("Fraud signal"));
            }
            if (!"OPEN".equals(s.status())) {
                return Uni.createFrom().<Void> failure(new ConflictException("The signal is already " + s.status()));
            }
            if (suspend && s.agentId() == null) {
                return Uni.createFrom().<Void> failure(new InvalidInputException("suspendAgent", "NO_AGENT",
                        "the signal names no agent"));
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("type", s.type());
            details.put("resolution", body.resolution());
            details.put("suspendAgent", suspend);
            Uni<Void> chain = signals.resolve(tx, uuid, body.resolution(), now, caller.subject(), body.note())
                    .flatMap(v -> audit.record(tx, Actor.of(caller),
                            new AuditEntry("FRAUD_SIGNAL_RESOLVED", s.partnerCode(), RESOURCE, uuid.toString(), details)));
            if (suspend) {
                chain = chain.flatMap(v -> signals.suspendAgent(tx, s.agentId())).flatMap(changed -> changed
                        ? audit.record(tx, Actor.of(caller), new AuditEntry("AGENT_SUSPENDED", s.partnerCode(), "agent",
                                s.agentCode(), Map.of("reason", "FRAUD_CONFIRMED", "signalId", uuid.toString())))
                        : Uni.createFrom().voidItem());
            }
            return chain;
        })).call(metrics::refresh).flatMap(v -> get(id));
    }

    FraudSignalResponse response(StoredSignal s) {
        Map<String, Object> evidence;
        try {
            evidence = json.readValue(s.evidence(), new TypeReference<Map<String, Object>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored evidence is not JSON", e);
        }
        return new FraudSignalResponse(s.id().toString(), s.type(), s.severity(), s.status(), s.raisedAt(),
                s.partnerCode(), s.agentCode(), evidence, s.resolvedAt(), s.note());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
