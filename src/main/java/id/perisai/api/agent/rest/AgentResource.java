package id.perisai.api.agent.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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

import id.perisai.api.agent.dto.AgentResponse;
import id.perisai.api.agent.dto.CreateAgentRequest;
import id.perisai.api.agent.dto.UpdateAgentRequest;
import id.perisai.api.agent.repository.AgentStatus;
import id.perisai.api.agent.service.AgentService;
import id.perisai.api.common.problem.Problem;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.common.web.PublicLinks;
import id.perisai.api.common.web.QueryParams;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The calling partner's Perisai agents. */
@Path("/v1/agents")
@Tag(name = "Agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    @Inject
    SecurityIdentity identity;

    private final AgentService agents;

    private final PublicLinks links;

    public AgentResource(AgentService agents, PublicLinks links) {
        this.agents = agents;
        this.links = links;
    }

    @POST
    @RolesAllowed(Scopes.AGENTS_WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAgent", summary = "Register a Perisai agent", description = """
            Registers an agent under the calling partner. The person must be an ACTIVE participant (by NIK), hold an
            account at a designated bank in their own name, and have at least senior high school education; each
            unmet rule is listed in a 422 `agent-ineligible` problem. Malformed fields are a 400; a person who is
            already an agent of any partner is a 409 (`AGENT_ALREADY_REGISTERED`).""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateAgentRequest.class), examples = @ExampleObject(name = "agent", value = AgentExamples.CREATE)))
    @APIResponse(responseCode = "201", description = "Registered; Location points to the agent", content = @Content(schema = @Schema(implementation = AgentResponse.class), examples = @ExampleObject(name = "agent", value = AgentExamples.AGENT)))
    @APIResponse(responseCode = "409", description = "Already an agent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "already", value = AgentExamples.ALREADY)))
    @APIResponse(responseCode = "422", description = "Not eligible: every unmet rule of rules.md §5 in errors[]", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "ineligible", value = AgentExamples.INELIGIBLE)))
    public Uni<RestResponse<AgentResponse>> create(@NotNull CreateAgentRequest body) {
        return agents.create(body, Caller.of(identity))
                .map(created -> links.created(created, "v1/agents", created.agentCode()));
    }

    @GET
    @RolesAllowed(Scopes.AGENTS_READ)
    @Operation(operationId = "listAgents", summary = "List the partner's agents", description = "Agents ordered by code, a page at a time; optionally of one status.")
    @APIResponse(responseCode = "200", description = "A page of agents", content = @Content(schema = @Schema(implementation = AgentPage.class), examples = @ExampleObject(name = "page", value = AgentExamples.PAGE)))
    public Uni<Page<AgentResponse>> list(
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Only agents with this status", schema = @Schema(implementation = AgentStatus.class)) @QueryParam("status") String status) {
        PageRequest page = PageRequest.of(limit, cursor);
        return agents.list(Caller.of(identity), page, QueryParams.enumValue(status, AgentStatus.class, "status"));
    }

    @GET
    @Path("{agentCode}")
    @RolesAllowed(Scopes.AGENTS_READ)
    @Operation(operationId = "getAgent", summary = "Get an agent", description = "One of the partner's agents; another partner's agent is a 404.")
    @APIResponse(responseCode = "200", description = "The agent", content = @Content(schema = @Schema(implementation = AgentResponse.class), examples = @ExampleObject(name = "agent", value = AgentExamples.AGENT)))
    public Uni<AgentResponse> get(
            @Parameter(description = "Agent code", example = "AGDEMO000001") @PathParam("agentCode") String agentCode) {
        return agents.get(Caller.of(identity), agentCode);
    }

    @PATCH
    @Path("{agentCode}")
    @RolesAllowed(Scopes.AGENTS_WRITE)
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(operationId = "updateAgent", summary = "Deactivate, reactivate or update an agent", description = """
            Sets the status (ACTIVE or INACTIVE; an agent suspended by the agency stays suspended), the phone, or the
            incentive bank account (still at a designated bank, in the agent's own name).""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UpdateAgentRequest.class), examples = @ExampleObject(name = "phone", value = AgentExamples.UPDATE)))
    @APIResponse(responseCode = "200", description = "The agent after the change", content = @Content(schema = @Schema(implementation = AgentResponse.class), examples = @ExampleObject(name = "agent", value = AgentExamples.AGENT)))
    @APIResponse(responseCode = "409", description = "The agent is suspended by the agency", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "suspended", value = AgentExamples.ALREADY)))
    @APIResponse(responseCode = "422", description = "The new bank account breaks a rule", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "ineligible", value = AgentExamples.INELIGIBLE)))
    public Uni<AgentResponse> update(
            @Parameter(description = "Agent code", example = "AGDEMO000001") @PathParam("agentCode") String agentCode,
            @NotNull UpdateAgentRequest body) {
        return agents.update(Caller.of(identity), agentCode, body);
    }

    /** Documentation type of a page of agents. */
    @Schema(name = "AgentPage")
    record AgentPage(java.util.List<AgentResponse> items, String nextCursor) {
    }
}
