package id.perisai.api.quota.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "QuotaStatus", requiredProperties = { "partnerCode", "timezone", "maxBatchRecords",
        "quotas" }, description = "The partner's quotas and what is used of them now")
public record QuotaResponse(
        @Schema(example = "SPSI-DPC-BDG") String partnerCode,
        @Schema(description = "Days reset at 00:00 in this zone", example = "Asia/Jakarta") String timezone,
        @Schema(description = "Largest batch, in records", example = "100000") int maxBatchRecords,
        List<Quota> quotas) {

    /** One quota and its current window. */
    @Schema(name = "QuotaWindow", requiredProperties = { "name", "limit", "used", "remaining", "windowSeconds", "resetsAt" })
    public record Quota(
            @Schema(example = "registrations", enumeration = {
                    "registrations", "contributions", "requests" }) String name,
            @Schema(example = "5000") long limit,
            @Schema(example = "800") long used,
            @Schema(example = "4200") long remaining,
            @Schema(description = "Length of the window: a day for records, a minute for requests", example = "86400") long windowSeconds,
            @Schema(description = "When the window resets", example = "2026-11-21T17:00:00Z") Instant resetsAt){
    }
}
