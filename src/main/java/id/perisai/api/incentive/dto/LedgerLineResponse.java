package id.perisai.api.incentive.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One ledger line. */
@Schema(name = "LedgerLine", requiredProperties = { "lineId", "type", "basis", "rate", "amount",
        "createdAt" }, description = """
                An append-only ledger line. ACQUISITION: basis 1, rate = rupiah per acquisition (paid only when the agent reaches \
                the scheme's monthly minimum); CONTRIBUTION: basis = amount paid for the covered months of one rate band, rate \
                a fraction; REVERSAL: the reversed line's basis and rate, a negative amount.""")
public record LedgerLineResponse(
        @Schema(example = "918273") long lineId,
        @Schema(enumeration = {
                "ACQUISITION", "CONTRIBUTION", "PARTNER_FEE", "REVERSAL" }, example = "CONTRIBUTION") String type,
        @Schema(example = "4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b") UUID participantId,
        @Schema(description = "The registration batch (ACQUISITION) or contribution (CONTRIBUTION) the line comes from", example = "0f9c2a1e-5b3d-4a5e-8f60-1c2d3e4f5a6b") UUID sourceId,
        @Schema(example = "28400") long basis,
        @Schema(example = "0.15") BigDecimal rate,
        @Schema(example = "4260") long amount,
        @Schema(description = "For a REVERSAL, the line it reverses") Long reversesLineId,
        @Schema(example = "2026-11-21T03:15:04Z") Instant createdAt){
}
