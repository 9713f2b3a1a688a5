package id.perisai.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.perisai.api.support.DemoApp;
import id.perisai.api.support.PackagedApp;
import id.perisai.client.ApiClient;
import id.perisai.client.ApiException;
import id.perisai.client.api.ContributionsApi;
import id.perisai.client.api.IncentivesApi;
import id.perisai.client.api.OAuth2Api;
import id.perisai.client.api.RegistrationsApi;
import id.perisai.client.model.AgentStatement;
import id.perisai.client.model.Batch;
import id.perisai.client.model.Contribution;
import id.perisai.client.model.ContributionBatchRequest;
import id.perisai.client.model.ContributionRecord;
import id.perisai.client.model.IncentiveStatement;
import id.perisai.client.model.Occupation;
import id.perisai.client.model.PayerType;
import id.perisai.client.model.Program;
import id.perisai.client.model.Quote;
import id.perisai.client.model.QuoteRequest;
import id.perisai.client.model.RecordOutcome;
import id.perisai.client.model.RegistrationBatchRequest;
import id.perisai.client.model.RegistrationRecord;
import id.perisai.client.model.RegistrationRecordResult;
import id.perisai.client.model.TokenResponse;

/**
 * quality.md C1: the clients a partner generates from the committed {@code openapi/openapi.yaml} run the partner flow
 * against the packaged app with the dev seed — the Java client of openapi-generator (native library, generated and
 * compiled by this build) and the TypeScript client of openapi-typescript + openapi-fetch
 * ({@code src/test/contract/ts/flow.ts}, type-checked strictly by the build). Both use only the generated types and
 * calls: no casts, no hand-written JSON, no interceptors (the token goes in the per-call headers). The one exception
 * is the Java client's CSV: openapi-generator generates one method per operation for the body's first media type
 * (JSON), so the Java flow sends the CSV file and reads the CSV results with the generated client's own HTTP client,
 * base URI and object mapper (the answer parsed into the generated {@code Batch}).
 */
class GeneratedClientsIT {

    static PackagedApp app;

    @BeforeAll
    static void start() throws Exception {
        app = DemoApp.start("perisai_clients");
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
    }

    @Test
    void javaClientRunsThePartnerFlow() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + app.port());
        TokenResponse token = new OAuth2Api(client).issueToken("client_credentials", DemoApp.CLIENT_ID,
                DemoApp.CLIENT_SECRET, null);
        assertEquals(TokenResponse.TokenTypeEnum.BEARER, token.getTokenType());
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token.getAccessToken());
        RegistrationsApi registrations = new RegistrationsApi(client);
        ContributionsApi contributions = new ContributionsApi(client);

        String run = UUID.randomUUID().toString().substring(0, 8);
        String nik = "32010141019" + "0" + "3" + String.format("%03d", (int) (System.nanoTime() % 1000));
        RegistrationRecord siti = new RegistrationRecord().externalRef("java-" + run).nik(nik).fullName("Siti Aminah")
                .birthDate(LocalDate.of(1990, 1, 1)).gender(RegistrationRecord.GenderEnum.F).phone("081234567890")
                .occupation(Occupation.PEDAGANG).monthlyIncome(1_000_000L)
                .programs(new LinkedHashSet<>(List.of(Program.JKK, Program.JKM, Program.JHT))).agentCode(DemoApp.AGENT);
        Batch submitted = registrations.submitRegistrationBatch("java-" + run,
                new RegistrationBatchRequest().records(List.of(siti)), false, auth);
        Batch batch = poll(() -> registrations.getRegistrationBatch(submitted.getBatchId().toString(), auth));
        assertEquals(1, batch.getTotals().getAccepted(), batch.toString());

        // CSV: openapi-generator's Java client sends only a body's first media type (JSON; openapi-generator#17877),
        // so the file goes out with the client's own HTTP client and base URI, and the 202 is read as its generated Batch
        String csvNik = "32010141019" + "0" + "4" + String.format("%03d", (int) (System.nanoTime() % 1000));
        String csv = "externalRef,nik,fullName,birthDate,gender,phone,occupation,monthlyIncome,programs,agentCode\n"
                + "java-csv-" + run + "," + csvNik + ",Dewi Sartika,1990-01-01,F,081234567891,PENJAHIT,1500000,"
                + "JKK|JKM," + DemoApp.AGENT + "\n";
        HttpResponse<String> csvAnswer = client.getHttpClient().send(HttpRequest
                .newBuilder(URI.create(client.getBaseUri() + "/v1/registration-batches"))
                .header("Authorization", auth.get("Authorization")).header("Content-Type", "text/csv")
                .header("Idempotency-Key", "java-csv-" + run).POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, csvAnswer.statusCode(), csvAnswer.body());
        Batch csvSubmitted = client.getObjectMapper().readValue(csvAnswer.body(), Batch.class);
        Batch csvBatch = poll(() -> registrations.getRegistrationBatch(csvSubmitted.getBatchId().toString(), auth));
        assertEquals(1, csvBatch.getTotals().getAccepted(), csvBatch.toString());
        HttpResponse<String> resultsCsv = client.getHttpClient().send(HttpRequest
                .newBuilder(URI.create(client.getBaseUri() + "/v1/registration-batches/" + csvBatch.getBatchId()
                        + "/records"))
                .header("Authorization", auth.get("Authorization")).header("Accept", "text/csv").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, resultsCsv.statusCode());
        assertTrue(resultsCsv.body().contains("java-csv-" + run + ",ACCEPTED"), resultsCsv.body());

        RegistrationRecordResult accepted = registrations.listRegistrationRecords(batch.getBatchId().toString(),
                "ACCEPTED", null, null, auth).getItems().get(0);
        assertEquals(RecordOutcome.ACCEPTED, accepted.getStatus());
        UUID participant = accepted.getParticipantId();
        assertNotNull(participant);

        String month = YearMonth.now(ZoneId.of("Asia/Jakarta")).toString();
        Quote quote = contributions.quoteContribution(new QuoteRequest().nik(nik).periodStart(month).months(1)
                .payerType(QuoteRequest.PayerTypeEnum.SELF), auth);
        assertTrue(quote.getAmount() > 0);
        Batch payment = contributions.submitContributionBatch("java-pay-" + run, new ContributionBatchRequest()
                .records(List.of(new ContributionRecord().externalRef("pay-" + run).paymentRef("JAVA-" + run).nik(nik)
                        .periodStart(month).months(1).amount(quote.getAmount()).payerType(PayerType.SELF)
                        .paidAt(OffsetDateTime.now()))),
                false, auth);
        Batch paid = poll(() -> contributions.getContributionBatch(payment.getBatchId().toString(), auth));
        assertEquals(1, paid.getTotals().getAccepted(), paid.toString());

        List<Contribution> items = contributions.listParticipantContributions(participant.toString(), null, null, auth)
                .getItems();
        assertEquals(1, items.size());
        assertEquals(quote.getAmount(), items.get(0).getAmount());
        assertEquals(month, items.get(0).getCoveredMonths().get(0).getMonth());

        IncentiveStatement statement = new IncentivesApi(client).getIncentiveStatement(month, auth);
        AgentStatement agent = statement.getAgents().stream().filter(a -> DemoApp.AGENT.equals(a.getAgentCode()))
                .findFirst().orElseThrow(() -> new AssertionError("the agent is not in " + statement));
        assertTrue(agent.getContributionIncentive() > 0, agent.toString());
    }

    @Test
    void typescriptClientRunsThePartnerFlow() throws Exception {
        DemoApp.Run run = DemoApp.node("flow.js", List.of("http://localhost:" + app.port(), DemoApp.CLIENT_ID,
                DemoApp.CLIENT_SECRET, DemoApp.AGENT), 120);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("typescript client: partner flow complete"), run.output());
    }

    interface Call {
        Batch get() throws ApiException;
    }

    /** The batch once COMPLETED (batches are processed asynchronously). */
    static Batch poll(Call call) throws Exception {
        for (int i = 0; i < 100; i++) {
            Batch batch = call.get();
            if (batch.getStatus() == Batch.StatusEnum.COMPLETED) {
                return batch;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("batch not COMPLETED in 20 s");
    }
}
