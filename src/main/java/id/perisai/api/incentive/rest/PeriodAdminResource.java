package id.perisai.api.incentive.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import id.perisai.api.common.problem.Problem;
import id.perisai.api.incentive.dto.CloseResponse;
import id.perisai.api.incentive.dto.PayoutResponse;
import id.perisai.api.incentive.service.PeriodService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Closing incentive periods and exporting their payouts (agency staff). */
@Path("/v1/admin/incentive-statements/{period}")
@Tag(name = "Admin: incentives")
@RolesAllowed(Scopes.ADMIN)
public class PeriodAdminResource {

    static final String CSV = "text/csv";

    @Inject
    SecurityIdentity identity;

    private final PeriodService periods;

    public PeriodAdminResource(PeriodService periods) {
        this.periods = periods;
    }

    @POST
    @Path("close")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "closeIncentivePeriod", summary = "Close a period", description = """
            Freezes every partner's statement of an ended period (payments are due by the 5th of the next month) and
            books each partner's fee as a PARTNER_FEE line. Waits for contribution batches writing into the period.
            Lines of a closed period are never changed: a later void reverses them in the current period.""")
    @APIResponse(responseCode = "200", description = "Closed", content = @Content(schema = @Schema(implementation = CloseResponse.class), examples = @ExampleObject(name = "closed", value = IncentiveExamples.CLOSED)))
    @APIResponse(responseCode = "409", description = "Already closed, or not ended yet", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "closed", value = IncentiveExamples.ALREADY_CLOSED)))
    public Uni<CloseResponse> close(
            @Parameter(description = "Period, YYYY-MM", example = "2026-10") @PathParam("period") String period) {
        return periods.close(period, Caller.of(identity));
    }

    @GET
    @Path("payouts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportIncentivePayouts", summary = "Payouts of a closed period", description = """
            What to transfer: for each partner, each agent with a non-zero total (to the agent's account at a
            designated bank) and the partner's fee (to the partner's payout account), as JSON or, with
            `Accept: text/csv`, CSV. Carries full account numbers: every export is audited.""")
    @APIResponse(responseCode = "200", description = "The payouts", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PayoutResponse.class), examples = @ExampleObject(name = "payouts", value = IncentiveExamples.PAYOUTS)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value = IncentiveExamples.PAYOUTS_CSV)) })
    @APIResponse(responseCode = "409", description = "The period is not closed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "open", value = IncentiveExamples.NOT_CLOSED)))
    public Uni<PayoutResponse> payouts(
            @Parameter(description = "Period, YYYY-MM", example = "2026-10") @PathParam("period") String period) {
        return periods.payouts(period, Caller.of(identity));
    }

    @GET
    @Path("payouts")
    @Produces(CSV)
    @Operation(hidden = true)
    public Uni<RestResponse<String>> payoutsCsv(@PathParam("period") String period) {
        return periods.payouts(period, Caller.of(identity)).map(p -> RestResponse.ResponseBuilder
                .ok(PeriodService.csv(p)).header("Content-Type", "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"payouts-" + p.period() + ".csv\"").build());
    }
}
