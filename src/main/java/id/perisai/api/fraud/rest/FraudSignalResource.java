package id.perisai.api.fraud.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

import id.perisai.api.common.problem.Problem;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.fraud.dto.FraudSignalResponse;
import id.perisai.api.fraud.dto.ResolveRequest;
import id.perisai.api.fraud.service.FraudSignalService;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Fraud signals and their review (agency staff only; partners never see signals). */
@Path("/v1/admin/fraud-signals")
@Tag(name = "Admin: fraud signals")
@RolesAllowed(Scopes.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class FraudSignalResource {

    /** The signal the dev seed raises (the resolve example clears it). */
    static final String SIGNAL_ID = "5d1c7e3a-9b2f-4c6d-8e1a-2f3b4c5d6e7f";

    static final String SIGNAL = """
            {"signalId":"5d1c7e3a-9b2f-4c6d-8e1a-2f3b4c5d6e7f","type":"AGENT_SELF_DEALING","severity":"HIGH",
             "status":"OPEN","raisedAt":"2026-11-20T10:15:30Z","partnerCode":"DEMO-WADAH","agentCode":"AGDEMO000001",
             "evidence":{"participantId":"4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b","nikMasked":"3201**********0003",
                         "reason":"the participant's phone number is the agent's own"}}""";

    static final String PAGE = """
            {"items":[{"signalId":"5d1c7e3a-9b2f-4c6d-8e1a-2f3b4c5d6e7f","type":"SHARED_PHONE","severity":"LOW",
             "status":"OPEN","raisedAt":"2026-11-20T10:15:30Z","partnerCode":"DEMO-WADAH","agentCode":"AGDEMO000001",
             "evidence":{"phoneIndex":"Xq3v9TzK1mB0cR7dL2wYpA","participants":3,"threshold":3,
                         "members":[{"participantId":"4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b","nikMasked":"3201**********0003"}]}}]}""";

    static final String RESOLVE = """
            {"resolution":"CLEARED","note":"Checked with the branch office: the agent's own family member"}""";

    static final String RESOLVED = """
            {"signalId":"5d1c7e3a-9b2f-4c6d-8e1a-2f3b4c5d6e7f","type":"AGENT_SELF_DEALING","severity":"HIGH",
             "status":"CLEARED","raisedAt":"2026-11-20T10:15:30Z","partnerCode":"DEMO-WADAH","agentCode":"AGDEMO000001",
             "evidence":{"participantId":"4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b","nikMasked":"3201**********0003",
                         "reason":"the participant's phone number is the agent's own"},
             "resolvedAt":"2026-11-21T08:00:00Z","note":"Checked with the branch office: the agent's own family member"}""";

    @Inject
    SecurityIdentity identity;

    private final FraudSignalService signals;

    public FraudSignalResource(FraudSignalService signals) {
        this.signals = signals;
    }

    @GET
    @Operation(operationId = "listFraudSignals", summary = "Fraud signals", description = """
            Signals raised on batch completion and by the daily job, newest first: SHARED_PHONE (one phone on 3 or
            more participants), AGENT_VELOCITY (50 or more new registrations by an agent in a WIB day),
            SEQUENTIAL_NIKS (10 or more NIKs of a batch with the same region and birth-date digits and consecutive
            serials), FIRST_PAYMENT_ONLY (of 20 or more acquisitions at least 3 months old, 60 % or more never paid a
            second month) and AGENT_SELF_DEALING (a participant carrying its agent's own phone) — thresholds are
            configuration. The last two are HIGH: while OPEN they hold the agent's payouts. Evidence carries counts,
            ids, masked NIKs and keyed hashes, never plaintext personal data.""")
    @APIResponse(responseCode = "200", description = "A page of signals", content = @Content(schema = @Schema(implementation = FraudSignalPage.class), examples = @ExampleObject(name = "signals", value = PAGE)))
    public Uni<FraudSignalPage> list(
            @Parameter(description = "Only signals in this status", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "OPEN", "CLEARED", "CONFIRMED" })) @QueryParam("status") String status,
            @Parameter(description = "Only signals of this type", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "SHARED_PHONE", "AGENT_VELOCITY", "SEQUENTIAL_NIKS", "FIRST_PAYMENT_ONLY",
                    "AGENT_SELF_DEALING" })) @QueryParam("type") String type,
            @Parameter(description = "Only signals of this partner", example = "DEMO-WADAH") @QueryParam("partnerCode") String partnerCode,
            @Parameter(description = "Only signals of this agent", example = "AGDEMO000001") @QueryParam("agentCode") String agentCode,
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return signals.list(status, type, partnerCode, agentCode, PageRequest.of(limit, cursor))
                .map(p -> new FraudSignalPage(p.items(), p.nextCursor()));
    }

    @GET
    @Path("{signalId}")
    @Operation(operationId = "getFraudSignal", summary = "One fraud signal", description = """
            A signal with its evidence and, once reviewed, its resolution; an unknown id is a 404.""")
    @APIResponse(responseCode = "200", description = "The signal", content = @Content(schema = @Schema(implementation = FraudSignalResponse.class), examples = @ExampleObject(name = "signal", value = SIGNAL)))
    public Uni<FraudSignalResponse> get(
            @Parameter(description = "Signal id", example = SIGNAL_ID) @PathParam("signalId") String signalId) {
        return signals.get(signalId);
    }

    @POST
    @Path("{signalId}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "resolveFraudSignal", summary = "Review a signal", description = """
            CLEARED (no fraud: a HIGH signal's hold on the agent's payouts is released in the next export) or
            CONFIRMED, once; with CONFIRMED, `"suspendAgent": true` suspends the signal's agent (voiding participants
            stays `POST /v1/admin/participants/{participantId}/void`). Audited.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ResolveRequest.class), examples = @ExampleObject(name = "clear", value = RESOLVE)))
    @APIResponse(responseCode = "200", description = "The resolved signal", content = @Content(schema = @Schema(implementation = FraudSignalResponse.class), examples = @ExampleObject(name = "cleared", value = RESOLVED)))
    @APIResponse(responseCode = "409", description = "Already resolved", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "resolved", value = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/conflict","title":"Conflict","status":409,
             "detail":"The signal is already CLEARED","instance":"/v1/admin/fraud-signals/5d1c7e3a-9b2f-4c6d-8e1a-2f3b4c5d6e7f/resolve",
             "correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11"}""")))
    public Uni<FraudSignalResponse> resolve(
            @Parameter(description = "Signal id", example = SIGNAL_ID) @PathParam("signalId") String signalId,
            ResolveRequest body) {
        return signals.resolve(signalId, body, Caller.of(identity));
    }

    /** A page of signals (a named schema, as the other lists have). */
    @Schema(name = "FraudSignalPage", requiredProperties = { "items" })
    public record FraudSignalPage(java.util.List<FraudSignalResponse> items,
            @Schema(description = "Pass as ?cursor= to get the next page; absent on the last page") String nextCursor) {
    }
}
