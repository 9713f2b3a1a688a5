package id.perisai.api.common.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of the append-only audit trail. */
@Entity
@Table(name = "audit_log")
public class AuditRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
    public String action;
    @Column(name = "actor_partner")
    public String actorPartner;
    public String subject;
    @Column(name = "token_id")
    public String tokenId;
    @Column(name = "client_id")
    public String clientId;
    @Column(name = "partner_code")
    public String partnerCode;
    @Column(name = "resource_type")
    public String resourceType;
    @Column(name = "resource_id")
    public String resourceId;
    @Column(name = "request_id")
    public String requestId;
    @Column(columnDefinition = "text")
    public String details;
}
