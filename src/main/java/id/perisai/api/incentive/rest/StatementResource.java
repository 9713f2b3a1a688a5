package id.perisai.api.incentive.rest;

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

import id.perisai.api.common.web.PageRequest;
import id.perisai.api.incentive.dto.AgentLedgerResponse;
import id.perisai.api.incentive.dto.StatementResponse;
import id.perisai.api.incentive.service.StatementService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The partner's incentive statements and its agents' ledgers. */
@Path("/v1/incentives/statements/{period}")
@Tag(name = "Incentives")
@RolesAllowed(Scopes.INCENTIVES_READ)
@Produces(MediaType.APPLICATION_JSON)
public class StatementResource {

    @Inject
    SecurityIdentity identity;

    private final StatementService statements;

    public StatementResource(StatementService statements) {
        this.statements = statements;
    }

    @GET
    @Operation(operationId = "getIncentiveStatement", summary = "The partner's incentive statement for a period", description = """
            Per agent with ledger lines in the period (a WIB calendar month): acquisitions and the acquisition incentive
            (nothing below the scheme's monthly minimum of 25 acquisitions for PERISAI-2022), the contribution
            incentive, reversals of earlier closed periods and the total; then the agents' total, the partner's fee and
            the grand total. An OPEN period's figures move as contributions are accepted; a CLOSED one is frozen.""")
    @APIResponse(responseCode = "200", description = "The statement", content = @Content(schema = @Schema(implementation = StatementResponse.class), examples = @ExampleObject(name = "statement", value = IncentiveExamples.STATEMENT)))
    public Uni<StatementResponse> statement(
            @Parameter(description = "Period, YYYY-MM (not after the current one)", example = "2026-11") @PathParam("period") String period) {
        return statements.statement(Caller.of(identity), period);
    }

    @GET
    @Path("agents/{agentCode}")
    @Operation(operationId = "getAgentLedger", summary = "An agent's ledger lines for a period", description = """
            The append-only ledger lines of one of the partner's agents in the period, oldest first, with the agent's
            line of the statement. Another partner's agent is a 404.""")
    @APIResponse(responseCode = "200", description = "The agent's lines", content = @Content(schema = @Schema(implementation = AgentLedgerResponse.class), examples = @ExampleObject(name = "ledger", value = IncentiveExamples.AGENT_LEDGER)))
    public Uni<AgentLedgerResponse> agentLedger(
            @Parameter(description = "Period, YYYY-MM (not after the current one)", example = "2026-11") @PathParam("period") String period,
            @Parameter(description = "Agent code", example = "AGDEMO000001") @PathParam("agentCode") String agentCode,
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return statements.agentLedger(Caller.of(identity), period, agentCode, PageRequest.of(limit, cursor));
    }
}
