package id.perisai.api.common.audit;

import java.util.Map;

import id.perisai.api.security.Caller;

/**
 * What to audit about a write: the action, the partner it concerns, the resource ids, and non-personal details
 * (field names, counts, statuses; never names, phones, NIKs or secrets).
 */
public record AuditEntry(String action, String partnerCode, String resourceType, String resourceId,
        Map<String, Object> details) {

    public static AuditEntry of(String action, String partnerCode, String resourceType, String resourceId) {
        return new AuditEntry(action, partnerCode, resourceType, resourceId, Map.of());
    }

    public AuditEntry with(Map<String, Object> moreDetails) {
        return new AuditEntry(action, partnerCode, resourceType, resourceId, moreDetails);
    }

    /** The actor part of an audit row. */
    public record Actor(String partnerCode, String subject, String tokenId, String clientId) {
        public static Actor of(Caller caller) {
            return new Actor(caller.partnerCode(), caller.subject(), caller.tokenId(), caller.clientId());
        }
    }
}
