package id.perisai.api.collection.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The collection list of a month, counted per agent and in total. */
@Schema(name = "CollectionSummary", requiredProperties = { "month", "agents", "total" })
public record CollectionSummary(
        @Schema(example = "2026-11") String month,
        @Schema(description = "One row per agent (by agentCode; participants without an agent in a row without agentCode)") List<Row> agents,
        Row total) {

    /** Counts by status and the sum of amountDue. */
    @Schema(name = "CollectionSummaryRow", requiredProperties = { "due", "atRisk", "lapsed", "amountDue" })
    public record Row(
            @Schema(example = "AGDEMO000001") String agentCode,
            @Schema(example = "12") long due,
            @Schema(example = "3") long atRisk,
            @Schema(example = "1") long lapsed,
            @Schema(description = "Sum of amountDue of the DUE and AT_RISK participants", example = "512400") long amountDue) {
    }
}
