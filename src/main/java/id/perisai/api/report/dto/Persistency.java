package id.perisai.api.report.dto;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Persistency ratios: of the participants acquired in the range, the share (0–1) that paid at least 3, 6 and 12
 * months. A ratio is computed over the acquisitions of months at least that many months ago and is absent while no
 * acquisition of the range is that old.
 */
@Schema(name = "Persistency", description = "Of the range's acquisitions, the share that paid at least 3, 6 and 12 months; absent where not enough time has passed")
public record Persistency(
        @Schema(description = "Share (0–1) of the acquisitions at least 3 months old that paid at least 3 months", example = "0.75") BigDecimal p3,
        @Schema(description = "The same for 6 months", example = "0.5") BigDecimal p6,
        @Schema(description = "The same for 12 months", example = "0.4") BigDecimal p12) {
}
