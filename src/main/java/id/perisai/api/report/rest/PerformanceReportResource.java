package id.perisai.api.report.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import id.perisai.api.report.dto.PerformanceReport;
import id.perisai.api.report.service.ReportService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The partner's performance report on its own agents (growth.md §3). */
@Path("/v1/reports/performance")
@Tag(name = "Reports")
@RolesAllowed(Scopes.REPORTS_READ)
public class PerformanceReportResource {

    static final String CSV = "text/csv";

    @Inject
    SecurityIdentity identity;

    private final ReportService reports;

    public PerformanceReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getPerformanceReport", summary = "Performance of the partner's agents", description = """
            Per agent (or per month) of the WIB months `from` … `to`: registrations, reactivations, acquisitions,
            contributions and their amount, participants ACTIVE at the end of the last month (or now), those who
            lapsed, incentives, persistency (of the range's acquisitions, the share that paid at least 3, 6 and 12
            months; absent while none is that old), and the partner's yearly target (year of `to`) with what has been
            achieved. Computed live: every batch completed before the request is in it. `Accept: text/csv` gives the
            same as CSV, the total last (key `TOTAL`).""")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PerformanceReport.class), examples = @ExampleObject(name = "by-agent", value = ReportExamples.PARTNER_REPORT)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value = ReportExamples.PARTNER_REPORT_CSV)) })
    public Uni<PerformanceReport> report(
            @Parameter(description = "First month, YYYY-MM (default: the current WIB month)", example = "2026-11") @QueryParam("from") String from,
            @Parameter(description = "Last month, YYYY-MM (default: the current WIB month); at most 36 months after from", example = "2026-11") @QueryParam("to") String to,
            @Parameter(description = "Rows per agent (default) or per month", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "agent", "month" }, defaultValue = "agent")) @QueryParam("groupBy") String groupBy) {
        return reports.partnerReport(Caller.of(identity), from, to, groupBy);
    }

    @GET
    @Produces(CSV)
    @Operation(hidden = true)
    public Uni<RestResponse<String>> reportCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("groupBy") String groupBy) {
        return reports.partnerReport(Caller.of(identity), from, to, groupBy).map(AdminReportResource::csv);
    }
}
