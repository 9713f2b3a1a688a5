package id.perisai.api.contribution.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.contribution.dto.ContributionResponse;
import id.perisai.api.contribution.service.ParticipantContributionService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The contributions of a participant the partner registered or manages. */
@Path("/v1/participants/{participantId}/contributions")
@Tag(name = "Contributions")
@Produces(MediaType.APPLICATION_JSON)
public class ParticipantContributionsResource {

    @Inject
    SecurityIdentity identity;

    private final ParticipantContributionService queries;

    public ParticipantContributionsResource(ParticipantContributionService queries) {
        this.queries = queries;
    }

    @GET
    @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
    @Operation(operationId = "listParticipantContributions", summary = "A participant's contributions", description = """
            The accepted payments of a participant this partner registered or manages (whoever paid them), by period,
            with the months each covers.""")
    @APIResponse(responseCode = "200", description = "A page of contributions", content = @Content(schema = @Schema(implementation = ContributionPage.class), examples = @ExampleObject(name = "page", value = ContributionExamples.CONTRIBUTIONS)))
    public Uni<Page<ContributionResponse>> ofParticipant(
            @Parameter(description = "Participant id", example = "4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b") @PathParam("participantId") String participantId,
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return queries.ofParticipant(Caller.of(identity), participantId, PageRequest.of(limit, cursor));
    }

    /** Documentation type of a page of contributions. */
    @Schema(name = "ContributionPage")
    record ContributionPage(java.util.List<ContributionResponse> items, String nextCursor) {
    }
}
