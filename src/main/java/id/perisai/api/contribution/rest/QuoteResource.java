package id.perisai.api.contribution.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import id.perisai.api.common.problem.Problem;
import id.perisai.api.contribution.dto.QuoteRequest;
import id.perisai.api.contribution.dto.QuoteResponse;
import id.perisai.api.contribution.service.QuoteService;
import id.perisai.api.security.Scopes;
import io.smallrye.mutiny.Uni;

/** The amount due for some months. */
@Path("/v1/contributions/quote")
@Tag(name = "Contributions")
@Produces(MediaType.APPLICATION_JSON)
public class QuoteResource {

    private final QuoteService quotes;

    public QuoteResource(QuoteService quotes) {
        this.quotes = quotes;
    }

    @POST
    @RolesAllowed({ Scopes.CONTRIBUTIONS_READ, Scopes.CONTRIBUTIONS_WRITE })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "quoteContribution", summary = "The exact amount due", description = """
            Prices months of contributions for a participant named by NIK (in the body: a NIK never goes in a URL)
            and a payer type, month by month, exactly as a payment batch would: JKK 1 % and JHT 2 % of the declared
            income (JHT only for participants who chose it), JKM Rp 6,800, the PP 50/2025 discount of the occupation's
            window unless the payer is GOVERNMENT, rounded half-up per component per month.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = QuoteRequest.class), examples = @ExampleObject(name = "quote", value = ContributionExamples.QUOTE_REQUEST)))
    @APIResponse(responseCode = "200", description = "The amount due", content = @Content(schema = @Schema(implementation = QuoteResponse.class), examples = @ExampleObject(name = "quote", value = ContributionExamples.QUOTE)))
    @APIResponse(responseCode = "404", description = "No non-void participant with this NIK whose contribution can be computed (imported ones carry no income)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "not-found", value = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/not-found","title":"Resource not found","status":404,
             "detail":"Participant not found","instance":"/v1/contributions/quote","correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11"}""")))
    public Uni<QuoteResponse> quote(@NotNull QuoteRequest body) {
        return quotes.quote(body);
    }

}
