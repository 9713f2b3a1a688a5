package id.perisai.api.participant.rest;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import id.perisai.api.common.problem.Problem;
import id.perisai.api.participant.dto.ParticipantResponse;
import id.perisai.api.participant.dto.ParticipantSearchRequest;
import id.perisai.api.participant.service.ParticipantService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Participants the calling partner registered or manages. */
@Path("/v1/participants")
@Tag(name = "Participants")
@Produces(MediaType.APPLICATION_JSON)
public class ParticipantResource {

    static final String PARTICIPANT = """
            {"participantId":"4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b","nikMasked":"3201**********0001","fullName":"Siti Aminah","gender":"F",
             "birthDate":"1990-01-01","occupation":"PEDAGANG","monthlyIncome":2500000,"programs":["JKK","JKM","JHT"],"status":"ACTIVE",
             "registeredAt":"2026-11-21T03:15:00Z","agentCode":"AG7K2M4X9V3B","coveredUntil":"2026-12"}""";

    @Inject
    SecurityIdentity identity;

    private final ParticipantService participants;

    public ParticipantResource(ParticipantService participants) {
        this.participants = participants;
    }

    @GET
    @Path("{participantId}")
    @RolesAllowed(Scopes.REGISTRATIONS_READ)
    @Operation(operationId = "getParticipant", summary = "Get a participant", description = """
            A participant this partner registered or manages (others are a 404, whoever registered them).""")
    @APIResponse(responseCode = "200", description = "The participant", content = @Content(schema = @Schema(implementation = ParticipantResponse.class), examples = @ExampleObject(name = "participant", value = PARTICIPANT)))
    public Uni<ParticipantResponse> get(
            @Parameter(description = "Participant id", example = "4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b") @PathParam("participantId") String participantId) {
        return participants.get(Caller.of(identity), participantId);
    }

    @POST
    @Path("search")
    @RolesAllowed(Scopes.REGISTRATIONS_READ)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "searchParticipant", summary = "Find a participant by NIK", description = """
            Looks up one of the partner's participants by NIK. The NIK is sent in the body, never in a URL; a NIK
            the partner did not register and does not manage is a 404.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ParticipantSearchRequest.class), examples = @ExampleObject(name = "nik", value = "{\"nik\":\"3201016502920003\"}")))
    @APIResponse(responseCode = "200", description = "The participant", content = @Content(schema = @Schema(implementation = ParticipantResponse.class), examples = @ExampleObject(name = "participant", value = PARTICIPANT)))
    @APIResponse(responseCode = "404", description = "No participant with this NIK that the partner registered or manages", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "not-found", value = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/not-found","title":"Resource not found","status":404,
             "detail":"Participant not found","instance":"/v1/participants/search","correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11"}""")))
    public Uni<ParticipantResponse> search(@NotNull ParticipantSearchRequest body) {
        return participants.search(Caller.of(identity), body.nik());
    }
}
