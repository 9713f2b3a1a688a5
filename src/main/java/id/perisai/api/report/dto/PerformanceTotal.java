package id.perisai.api.report.dto;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The metrics of a whole performance report (activeAtEnd: at the end of the range's last month). */
@Schema(name = "PerformanceTotal", requiredProperties = { "registrations", "reactivations", "acquisitions",
        "contributions", "contributionAmount", "activeAtEnd", "lapsed", "incentives", "persistency" })
public record PerformanceTotal(
        @Schema(example = "30") long registrations,
        @Schema(example = "2") long reactivations,
        @Schema(example = "30") long acquisitions,
        @Schema(example = "30") long contributions,
        @Schema(example = "852000") long contributionAmount,
        @Schema(example = "31") long activeAtEnd,
        @Schema(example = "1") long lapsed,
        @Schema(example = "577800") long incentives,
        Persistency persistency,
        @Schema(description = "The target of the partner (or branch office) the report is about, where one is set", example = "1200") Long target,
        @Schema(example = "300") Long achieved,
        @Schema(example = "25.0") BigDecimal achievedPct) {
}
