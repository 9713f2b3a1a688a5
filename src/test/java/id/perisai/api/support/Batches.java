package id.perisai.api.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Submitting registration batches and waiting for them, as a partner's system would. */
public final class Batches {

    static final ObjectMapper JSON = new ObjectMapper();

    private Batches() {
    }

    public static String token(String partner) {
        return TestTokens.partner(partner, "registrations:read", "registrations:write", "agents:read", "agents:write")
                .sign();
    }

    public static String json(List<Map<String, Object>> records) {
        try {
            return JSON.writeValueAsString(Map.of("records", records));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String ndjson(List<Map<String, Object>> records) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> r : records) {
            try {
                sb.append(JSON.writeValueAsString(r)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.toString();
    }

    /** Bodies of the bulk formats go out as UTF-8 text, as a partner's system sends them. */
    public static final RestAssuredConfig UTF8 = RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
            .defaultContentCharset(StandardCharsets.UTF_8).appendDefaultContentCharsetToContentTypeIfUndefined(false)
            .encodeContentTypeAs("application/x-ndjson", ContentType.TEXT).encodeContentTypeAs("text/csv", ContentType.TEXT));

    public static ExtractableResponse<Response> submit(String partner, String contentType, Object body, String key) {
        return given().config(UTF8).auth().oauth2(token(partner)).contentType(contentType).header("Idempotency-Key", key)
                .body(body).post("/v1/registration-batches").then().extract();
    }

    /** Submits JSON records under a fresh key, expects 202, returns the batch id. */
    public static String submitJson(String partner, List<Map<String, Object>> records) {
        var response = submit(partner, "application/json", json(records), UUID.randomUUID().toString());
        if (response.statusCode() != 202) {
            throw new AssertionError("expected 202, got " + response.statusCode() + ": " + response.asString());
        }
        return response.path("batchId");
    }

    /** Polls the batch until COMPLETED (or FAILED), at most the given time. */
    public static Map<String, Object> awaitCompleted(String partner, String batchId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Object> batch = given().auth().oauth2(token(partner)).get("/v1/registration-batches/{id}", batchId)
                    .then().statusCode(200).extract().as(Map.class);
            if ("COMPLETED".equals(batch.get("status")) || "FAILED".equals(batch.get("status"))) {
                return batch;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("batch not completed in " + timeout + ": " + batch);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static Map<String, Object> awaitCompleted(String partner, String batchId) {
        return awaitCompleted(partner, batchId, Duration.ofSeconds(60));
    }

    /** Every result of a batch, in index order (all pages). */
    public static List<Map<String, Object>> results(String partner, String batchId) {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token(partner)).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/registration-batches/{id}/records", batchId).then().statusCode(200).extract();
            List<Map<String, Object>> items = page.path("items");
            all.addAll(items);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return all;
    }
}
