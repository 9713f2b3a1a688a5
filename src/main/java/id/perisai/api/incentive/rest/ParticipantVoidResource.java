package id.perisai.api.incentive.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import id.perisai.api.common.problem.Problem;
import id.perisai.api.incentive.dto.VoidRequest;
import id.perisai.api.incentive.dto.VoidResponse;
import id.perisai.api.incentive.service.VoidService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Voiding a fraudulent registration (agency staff). */
@Path("/v1/admin/participants/{participantId}/void")
@Tag(name = "Admin: incentives")
@RolesAllowed(Scopes.ADMIN)
public class ParticipantVoidResource {

    @Inject
    SecurityIdentity identity;

    private final VoidService voids;

    public ParticipantVoidResource(VoidService voids) {
        this.voids = voids;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "voidParticipant", summary = "Void a registration", description = """
            The participant becomes VOID: no further payment is accepted for it, it earns nothing more, and its NIK
            stays blocked for registration. Every incentive line it produced is reversed — in its own period while
            that is open, else in the current period for what was actually paid. The reason is kept with the
            participant.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = VoidRequest.class), examples = @ExampleObject(name = "fraud", value = IncentiveExamples.VOID_REQUEST)))
    @APIResponse(responseCode = "200", description = "Voided", content = @Content(schema = @Schema(implementation = VoidResponse.class), examples = @ExampleObject(name = "voided", value = IncentiveExamples.VOIDED)))
    @APIResponse(responseCode = "409", description = "Already VOID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "void", value = IncentiveExamples.ALREADY_VOID)))
    public Uni<VoidResponse> voidParticipant(
            @Parameter(description = "Participant id", example = "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e") @PathParam("participantId") String participantId,
            @Valid @NotNull VoidRequest body) {
        return voids.voidParticipant(participantId, body.reason(), Caller.of(identity));
    }
}
