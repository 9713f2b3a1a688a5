package id.perisai.api.report.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import id.perisai.api.report.dto.PerformanceReport;
import id.perisai.api.report.dto.TargetsDto;
import id.perisai.api.report.service.ReportService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Agency staff's performance reports and yearly targets (growth.md §3). */
@Path("/v1/admin")
@Tag(name = "Admin: reports")
@RolesAllowed(Scopes.ADMIN)
public class AdminReportResource {

    static final String CSV = "text/csv";

    @Inject
    SecurityIdentity identity;

    private final ReportService reports;

    public AdminReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("reports/performance")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getAdminPerformanceReport", summary = "Performance by partner, branch office, agent or month", description = """
            The metrics of the partners' report (registrations, reactivations, acquisitions, contributions and amounts,
            active at end, lapsed, incentives, persistency p3/p6/p12) over the WIB months `from` … `to`, grouped by
            partner (default), branch office, agent or month, for every partner or one partner / branch office. Rows by
            partner or branch office carry the year's target (year of `to`), what has been achieved (new participants
            of that WIB year, not VOID) and the percentage; so does the total of a report of one partner or branch
            office. Live: every batch completed before the request is in it. `Accept: text/csv` for CSV.""")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PerformanceReport.class), examples = @ExampleObject(name = "by-branch-office", value = ReportExamples.ADMIN_REPORT)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value = ReportExamples.PARTNER_REPORT_CSV)) })
    public Uni<PerformanceReport> report(
            @Parameter(description = "First month, YYYY-MM (default: the current WIB month)", example = "2026-01") @QueryParam("from") String from,
            @Parameter(description = "Last month, YYYY-MM (default: the current WIB month); at most 36 months after from", example = "2026-12") @QueryParam("to") String to,
            @Parameter(description = "Grouping of the rows", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "partner", "branchOffice", "agent",
                    "month" }, defaultValue = "partner")) @QueryParam("groupBy") String groupBy,
            @Parameter(description = "Only this partner (404 when there is none)", example = "DEMO-WADAH") @QueryParam("partnerCode") String partnerCode,
            @Parameter(description = "Only the partners of this branch office", example = "Jakarta Salemba") @QueryParam("branchOffice") String branchOffice) {
        return reports.adminReport(from, to, groupBy, partnerCode, branchOffice);
    }

    @GET
    @Path("reports/performance")
    @Produces(CSV)
    @Operation(hidden = true)
    public Uni<RestResponse<String>> reportCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("groupBy") String groupBy, @QueryParam("partnerCode") String partnerCode,
            @QueryParam("branchOffice") String branchOffice) {
        return reports.adminReport(from, to, groupBy, partnerCode, branchOffice).map(AdminReportResource::csv);
    }

    static RestResponse<String> csv(PerformanceReport r) {
        return RestResponse.ResponseBuilder.ok(ReportService.csv(r)).header("Content-Type", "text/csv; charset=utf-8")
                .header("Content-Disposition",
                        "attachment; filename=\"performance-" + r.from() + "-" + r.to() + ".csv\"")
                .build();
    }

    @GET
    @Path("targets/{year}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getTargets", summary = "A year's targets and progress", description = """
            The year's targets of new participants per branch office and per partner, each with what has been achieved
            (new participants, not VOID, registered in that WIB year through the branch office's partners, or the
            partner) and the percentage. A year without targets answers empty lists.""")
    @APIResponse(responseCode = "200", description = "The targets", content = @Content(schema = @Schema(implementation = TargetsDto.class), examples = @ExampleObject(name = "targets", value = ReportExamples.TARGETS_RESPONSE)))
    public Uni<TargetsDto> targets(
            @Parameter(description = "Year, 2000–2100", example = "2026") @PathParam("year") String year) {
        return reports.targets(year);
    }

    @PUT
    @Path("targets/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceTargets", summary = "Set a year's targets", description = """
            Replaces the year's targets whole (an empty list removes that kind): new participants per branch office
            (e.g. Serang: 101,000) and per partner. Every partner code must exist. Audited.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = TargetsDto.class), examples = @ExampleObject(name = "targets", value = ReportExamples.TARGETS)))
    @APIResponse(responseCode = "200", description = "The targets now in force, with progress", content = @Content(schema = @Schema(implementation = TargetsDto.class), examples = @ExampleObject(name = "targets", value = ReportExamples.TARGETS_RESPONSE)))
    public Uni<TargetsDto> replaceTargets(
            @Parameter(description = "Year, 2000–2100", example = "2026") @PathParam("year") String year,
            TargetsDto body) {
        return reports.replaceTargets(year, body, Caller.of(identity));
    }
}
