package id.perisai.api.quota.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import id.perisai.api.common.time.TimeSource;
import id.perisai.api.quota.service.QuotaState;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;

/** The calling partner's quotas. */
@Path("/v1/quota")
@Tag(name = "Partner")
@Produces(MediaType.APPLICATION_JSON)
public class QuotaResource {

    static final String EXAMPLE = """
            {"partnerCode":"SPSI-DPC-BDG","timezone":"Asia/Jakarta","maxBatchRecords":100000,"quotas":[
              {"name":"registrations","limit":5000,"used":800,"remaining":4200,"windowSeconds":86400,"resetsAt":"2026-11-21T17:00:00Z"},
              {"name":"contributions","limit":20000,"used":0,"remaining":20000,"windowSeconds":86400,"resetsAt":"2026-11-21T17:00:00Z"},
              {"name":"requests","limit":600,"used":1,"remaining":599,"windowSeconds":60,"resetsAt":"2026-11-21T10:16:00Z"}]}""";

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ Scopes.AGENTS_READ, Scopes.AGENTS_WRITE, Scopes.REGISTRATIONS_READ, Scopes.REGISTRATIONS_WRITE,
            Scopes.CONTRIBUTIONS_READ, Scopes.CONTRIBUTIONS_WRITE, Scopes.INCENTIVES_READ, Scopes.REPORTS_READ,
            Scopes.WEBHOOKS_MANAGE })
    @Operation(operationId = "getQuota", summary = "The partner's quotas and their use", description = """
            Limits, use and what remains of each quota: registration and contribution records per WIB day (reset at
            00:00 Asia/Jakarta) and API calls per minute, plus the largest batch. This call counts as a request. Every
            response to a partner token also carries the same figures in the `RateLimit-Policy` and `RateLimit`
            headers.""")
    @APIResponse(responseCode = "200", description = "The quotas now", content = @Content(schema = @Schema(implementation = QuotaResponse.class), examples = @ExampleObject(name = "quota", value = EXAMPLE)))
    @NonBlocking // reads what the security layer already loaded: no reason to leave the event loop
    public QuotaResponse get() {
        QuotaState state = Caller.of(identity).quota();
        return new QuotaResponse(state.partnerCode(), TimeSource.WIB.getId(), state.maxBatchRecords(), List.of(
                window(state, QuotaState.REGISTRATIONS, state.dayEnds()),
                window(state, QuotaState.CONTRIBUTIONS, state.dayEnds()),
                window(state, QuotaState.REQUESTS, state.minuteEnds())));
    }

    private static QuotaResponse.Quota window(QuotaState state, String name, java.time.Instant resets) {
        return new QuotaResponse.Quota(name, state.limit(name), state.used(name), state.remaining(name),
                state.windowSeconds(name), resets);
    }
}
