package id.perisai.api.report.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A performance report (growth.md §3). */
@Schema(name = "PerformanceReport", requiredProperties = { "from", "to", "groupBy", "rows", "total" })
public record PerformanceReport(
        @Schema(description = "First month, YYYY-MM", example = "2026-11") String from,
        @Schema(description = "Last month, YYYY-MM", example = "2026-11") String to,
        @Schema(enumeration = {
                "agent", "month", "partner", "branchOffice" }, example = "agent") String groupBy,
        @Schema(description = "One row per key, ordered by key") List<PerformanceRow> rows,
        PerformanceTotal total){
}
