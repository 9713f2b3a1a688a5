package id.perisai.api.common.audit;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.common.audit.AuditEntry.Actor;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.common.web.RequestIds;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes audit rows in the same transaction as the write they describe: through the current Hibernate Reactive
 * session for Panache-based services, or on a given SQL connection for the set-based paths.
 */
@ApplicationScoped
public class AuditLog implements PanacheRepository<AuditRecord> {

    private final ObjectMapper json;
    private final TimeSource time;

    public AuditLog(ObjectMapper json, TimeSource time) {
        this.json = json;
        this.time = time;
    }

    /** Within the current Panache transaction. */
    public Uni<Void> record(Actor actor, AuditEntry entry) {
        return persist(toRecord(actor, entry)).replaceWithVoid();
    }

    /** On a connection whose transaction the caller controls. */
    public Uni<Void> record(SqlClient connection, Actor actor, AuditEntry entry) {
        AuditRecord r = toRecord(actor, entry);
        return connection.preparedQuery("""
                insert into audit_log (occurred_at, action, actor_partner, subject, token_id, client_id, partner_code,
                                       resource_type, resource_id, request_id, details)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """).execute(Tuple.from(new Object[] { r.occurredAt.atOffset(java.time.ZoneOffset.UTC), r.action,
                r.actorPartner, r.subject, r.tokenId, r.clientId, r.partnerCode, r.resourceType, r.resourceId,
                r.requestId, r.details })).replaceWithVoid();
    }

    private AuditRecord toRecord(Actor actor, AuditEntry entry) {
        AuditRecord r = new AuditRecord();
        r.occurredAt = time.now();
        r.action = entry.action();
        r.actorPartner = actor.partnerCode();
        r.subject = actor.subject();
        r.tokenId = actor.tokenId();
        r.clientId = actor.clientId();
        r.partnerCode = entry.partnerCode();
        r.resourceType = entry.resourceType();
        r.resourceId = entry.resourceId();
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        r.requestId = requestId == null ? null : requestId.toString();
        r.details = details(entry.details());
        return r;
    }

    private String details(Map<String, Object> details) {
        if (details == null || details.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be plain values", e);
        }
    }
}
