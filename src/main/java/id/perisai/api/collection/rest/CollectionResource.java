package id.perisai.api.collection.rest;

import java.util.List;

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

import id.perisai.api.collection.dto.CollectionSummary;
import id.perisai.api.collection.dto.DueItem;
import id.perisai.api.collection.service.CollectionService;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Collection lists: who must pay, how much, and the day they lapse (growth.md §1). */
@Path("/v1/collections")
@Tag(name = "Collections")
@RolesAllowed(Scopes.CONTRIBUTIONS_READ)
public class CollectionResource {

    static final String CSV = "text/csv";

    @Inject
    SecurityIdentity identity;

    private final CollectionService collections;

    public CollectionResource(CollectionService collections) {
        this.collections = collections;
    }

    @GET
    @Path("due")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listCollectionsDue", summary = "Who must pay for a month", description = """
            The non-VOID participants this partner manages whose coverage needs a payment for `month` (default: the
            current WIB month), ordered by `lapsesOn` then `participantId`: `DUE` (unpaid, does not lapse at the month's
            end), `AT_RISK` (lapses by the end of the month unless paid), `LAPSED` (already lapsed: re-register the
            worker). Participants paid through the month are not listed. `amountDue` is the exact due, payer SELF, from
            `firstUnpaidMonth` through `month` — what `POST /v1/contributions/quote` gives for those months. With
            `Accept: text/csv` the whole list as CSV (a printable list for an agent's round).""")
    @APIResponse(responseCode = "200", description = "A page of the list", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DuePage.class), examples = @ExampleObject(name = "page", value = CollectionExamples.DUE)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value = CollectionExamples.DUE_CSV)) })
    public Uni<Page<DueItem>> due(
            @Parameter(description = "Month, YYYY-MM (default: the current WIB month; at most 12 months ahead)", example = "2026-11") @QueryParam("month") String month,
            @Parameter(description = "Only this agent's participants", example = "AGDEMO000001") @QueryParam("agentCode") String agentCode,
            @Parameter(description = "Only this status", schema = @Schema(enumeration = { "DUE", "AT_RISK",
                    "LAPSED" })) @QueryParam("status") String status,
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return collections.due(Caller.of(identity), collections.query(month, agentCode, status),
                PageRequest.of(limit, cursor));
    }

    @GET
    @Path("due")
    @Produces(CSV)
    @Operation(hidden = true)
    public Uni<RestResponse<String>> dueCsv(@QueryParam("month") String month, @QueryParam("agentCode") String agentCode,
            @QueryParam("status") String status) {
        CollectionService.Query query = collections.query(month, agentCode, status);
        return collections.all(Caller.of(identity), query).map(items -> RestResponse.ResponseBuilder
                .ok(CollectionService.csv(items)).header("Content-Type", "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"collections-" + query.month() + ".csv\"").build());
    }

    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "summariseCollections", summary = "The collection list, counted per agent", description = """
            Per agent and in total: how many of the partner's participants are DUE, AT_RISK and LAPSED for `month`
            (default: the current WIB month), and the sum of their `amountDue`.""")
    @APIResponse(responseCode = "200", description = "The summary", content = @Content(schema = @Schema(implementation = CollectionSummary.class), examples = @ExampleObject(name = "summary", value = CollectionExamples.SUMMARY)))
    public Uni<CollectionSummary> summary(
            @Parameter(description = "Month, YYYY-MM (default: the current WIB month)", example = "2026-11") @QueryParam("month") String month,
            @Parameter(description = "Only this agent", example = "AGDEMO000001") @QueryParam("agentCode") String agentCode) {
        return collections.summary(Caller.of(identity), collections.query(month, agentCode, null));
    }

    /** Documentation type of a page of the list. */
    @Schema(name = "CollectionDuePage")
    record DuePage(List<DueItem> items, String nextCursor) {
    }
}
