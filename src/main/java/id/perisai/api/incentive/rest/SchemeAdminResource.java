package id.perisai.api.incentive.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import id.perisai.api.common.problem.Problem;
import id.perisai.api.common.web.PublicLinks;
import id.perisai.api.incentive.dto.SchemeDto;
import id.perisai.api.incentive.service.SchemeService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Effective-dated incentive schemes (agency staff). */
@Path("/v1/admin/incentive-schemes")
@Tag(name = "Admin: incentives")
@RolesAllowed(Scopes.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class SchemeAdminResource {

    @Inject
    SecurityIdentity identity;

    private final SchemeService schemes;

    private final PublicLinks links;

    public SchemeAdminResource(SchemeService schemes, PublicLinks links) {
        this.schemes = schemes;
        this.links = links;
    }

    @GET
    @Operation(operationId = "listIncentiveSchemes", summary = "List incentive scheme versions", description = """
            Every version with its validity, by start; the one in force on a period's first day applies to it.""")
    @APIResponse(responseCode = "200", description = "The versions", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SchemeDto.class), examples = @ExampleObject(name = "schemes", value = IncentiveExamples.SCHEMES)))
    public Uni<List<SchemeDto>> list() {
        return schemes.list();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getIncentiveScheme", summary = "Get an incentive scheme version", description = "One version by id.")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(schema = @Schema(implementation = SchemeDto.class), examples = @ExampleObject(name = "scheme", value = IncentiveExamples.SCHEME)))
    public Uni<SchemeDto> get(@Parameter(description = "Version id", example = "3") @PathParam("id") String id) {
        return schemes.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createIncentiveScheme", summary = "Add an incentive scheme version", description = """
            A new regulation is a new version: it starts on the first day of a month after the current one (periods
            already under way keep their scheme), and the open-ended version before it ends the day before. A version
            overlapping any other is a 409.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SchemeDto.class), examples = @ExampleObject(name = "version", value = IncentiveExamples.SCHEME_REQUEST)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = SchemeDto.class), examples = @ExampleObject(name = "created", value = IncentiveExamples.SCHEME)))
    @APIResponse(responseCode = "409", description = "It would overlap another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "overlap", value = IncentiveExamples.OVERLAP)))
    public Uni<RestResponse<SchemeDto>> create(@NotNull SchemeDto body) {
        return schemes.create(body, Caller.of(identity))
                .map(created -> links.created(created, "v1/admin/incentive-schemes", String.valueOf(created.id())));
    }
}
