package id.perisai.api.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.support.Fixtures;
import id.perisai.api.support.OpenApiOperations;
import id.perisai.api.support.OpenApiOperations.Operation;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * quality.md R5: a barrage of bad input at every write operation of the served OpenAPI document, in every media type
 * it accepts — malformed and truncated bodies, deep nesting, huge strings and numbers, type confusion, unknown fields,
 * invalid UTF-8, byte flips, wrong content types — derived from the document's own request examples with a fixed seed
 * (so a failure is reproducible) plus fixed hostile cases. Every answer must be below 500 and a problem document, and a
 * refused request must not have written anything.
 */
@QuarkusTest
class BadInputBarrageTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final long SEED = 20261121L;
    static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)
                    .encodeContentTypeAs("application/x-www-form-urlencoded", io.restassured.http.ContentType.BINARY));

    /** The caller's partner, and another partner the admin operations are aimed at. */
    static String caller;
    static String target;

    @BeforeEach
    void partners() {
        if (caller == null) {
            caller = Fixtures.partner("FUZZ");
            target = Fixtures.partner("FUZZT");
        }
    }

    /** A bad request: the body, its content type, and a label for the report. */
    record Case(String label, String contentType, byte[] body) {
    }

    @TestFactory
    Stream<DynamicTest> everyWriteOperationSurvivesBadInput() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Operation> writes = OpenApiOperations.served("/v1/", "/oauth2/").stream().filter(Operation::hasBody)
                .toList();
        assertTrue(writes.size() >= 10, "write operations found in the document: " + writes);
        for (Operation op : writes) {
            Random random = new Random(SEED ^ op.toString().hashCode());
            List<Case> cases = new ArrayList<>();
            op.requestExamples().forEach((mediaType, examples) -> {
                for (Object example : examples) {
                    cases.addAll(cases(mediaType, example, random));
                }
            });
            cases.addAll(wrongContentTypes(op));
            tests.add(DynamicTest.dynamicTest(op + " × " + cases.size() + " bad bodies", () -> {
                for (Case c : cases) {
                    send(op, c);
                }
            }));
        }
        return tests.stream();
    }

    // ---- sending and checking ------------------------------------------------------------------------------------

    static String path(Operation op) {
        return op.path(Map.of("code", target, "clientId", "prc_doesnotexist00000", "agentCode", "AGUNKNOWN0000"));
    }

    static String token(Operation op) {
        if (op.path().startsWith("/oauth2/")) {
            return null;
        }
        return op.admin() ? TestTokens.admin().sign()
                : TestTokens.partner(caller, op.scopes().toArray(String[]::new)).sign();
    }

    /** Rows that only requests write (workers of earlier tests' batches may still be adding participants). */
    static Map<String, Object> writes() {
        return TestDb.query("""
                select (select count(*) from batch) as batches, (select count(*) from agent) as agents,
                       (select count(*) from partner) as partners, (select count(*) from oauth_client) as clients,
                       (select count(*) from audit_log) as audits,
                       (select count(*) from participant where source = 'REGISTRY') as imported,
                       (select count(*) from incentive_scheme) as schemes,
                       (select count(*) from idempotency_key where state = 'DONE') as idempotent,
                       (select string_agg(code || status || name, ',' order by code) from partner
                         where code in (?, ?)) as partners_state
                """, caller, target).get(0);
    }

    void send(Operation op, Case c) {
        Map<String, Object> before = writes();
        var request = given().config(RAW).header("Idempotency-Key", "fuzz-" + c.label().hashCode() + "-" + System.nanoTime());
        String token = token(op);
        if (token != null) {
            request.auth().oauth2(token);
        } else {
            request.auth().preemptive().basic("prc_doesnotexist00000", "wrong-secret-wrong-secret");
        }
        if (c.contentType() != null) {
            request.contentType(c.contentType());
        }
        Response response;
        try {
            response = request.body(c.body()).request(op.method(), path(op));
        } catch (Exception e) {
            // a body over the limit may be refused (413) and the connection closed while the client still sends it
            assertTrue(c.body().length > 1_000_000 && hasCause(e, java.net.SocketException.class), op + " ["
                    + c.label() + "]: " + e);
            assertEquals(before, writes(), op + " [" + c.label() + "]: a refused request wrote something");
            return;
        }
        int status = response.statusCode();
        String where = op + " [" + c.label() + ", " + c.contentType() + ", " + c.body().length + " bytes] → " + status;
        assertTrue(status < 500, where + ": " + response.asString());
        if (status >= 400) {
            String type = String.valueOf(response.contentType());
            if (op.path().startsWith("/oauth2/") && !type.startsWith("application/problem+json")) {
                // RFC 6749 errors from the token endpoint (a 413 before the body is read is a problem document)
                assertTrue(type.startsWith("application/json"), where + " " + type);
                assertFalse(response.jsonPath().getString("error").isBlank(), where);
            } else {
                assertTrue(type.startsWith("application/problem+json"), where + " " + type);
                assertEquals(status, response.jsonPath().getInt("status"), where);
            }
            assertFalse(response.asString().contains("Exception"), where + ": internal detail " + response.asString());
            assertEquals(before, writes(), where + ": a refused request wrote something");
        }
    }

    static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    // ---- the bad bodies ------------------------------------------------------------------------------------------

    static List<Case> wrongContentTypes(Operation op) {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        return List.of(new Case("xml", "application/xml", "<a>1</a>".getBytes(StandardCharsets.UTF_8)),
                new Case("text/plain", "text/plain", body), new Case("no content type", null, body),
                new Case("garbage type", "not a media type", body),
                new Case("multipart", "multipart/form-data; boundary=x", "--x\r\n\r\n--x--".getBytes(StandardCharsets.UTF_8)));
    }

    static List<Case> cases(String mediaType, Object example, Random random) {
        if (mediaType.contains("json") && !mediaType.contains("ndjson")) {
            return jsonCases(mediaType, JSON.valueToTree(example), random);
        }
        if (mediaType.contains("ndjson")) {
            return ndjsonCases(mediaType, String.valueOf(example), random);
        }
        if (mediaType.contains("csv")) {
            return csvCases(mediaType, String.valueOf(example), random);
        }
        return formCases(mediaType, String.valueOf(example), random);
    }

    static Case text(String label, String mediaType, String body) {
        return new Case(label, mediaType, body.getBytes(StandardCharsets.UTF_8));
    }

    static List<Case> jsonCases(String mt, JsonNode example, Random random) {
        List<Case> cases = new ArrayList<>();
        for (String s : List.of("", " ", "{", "}", "[", "{\"records\":", "nul", "{\"a\":1,}", "{'a':1}", "\u0000",
                "null", "true", "42", "-1", "\"text\"", "[]", "{}", "[{}]", "{\"a\":}", "{\"a\" 1}", "{}{}",
                "{\"a\":1}garbage", "\uFEFF", "1e999999", "{\"records\":null}", "{\"records\":{}}", "{\"records\":[1,2]}",
                "{\"records\":[[]]}", "{\"records\":\"x\"}")) {
            cases.add(text("fixed " + JSON.valueToTree(s), mt, s));
        }
        cases.add(text("deep arrays", mt, "[".repeat(100_000) + "]".repeat(100_000)));
        cases.add(text("deep objects", mt, "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)));
        cases.add(text("deep inside the example", mt, example.toString().replaceFirst("\\{", "{\"zz\":"
                + "[".repeat(5_000) + "]".repeat(5_000) + ",")));
        cases.add(text("huge string", mt, "{\"" + firstField(example) + "\":\"" + "x".repeat(2_000_000) + "\"}"));
        cases.add(text("huge key", mt, "{\"" + "k".repeat(300_000) + "\":1}"));
        cases.add(text("many fields", mt, "{" + String.join(",", java.util.stream.IntStream.range(0, 20_000)
                .mapToObj(i -> "\"f" + i + "\":" + i).toList()) + "}"));
        cases.add(text("unknown field", mt, with(example, "zzUnknownField", NODES.numberNode(1)).toString()));
        cases.add(bytes("invalid UTF-8 (C3 28)", mt, example.toString(), new byte[] { (byte) 0xC3, 0x28 }));
        cases.add(bytes("invalid UTF-8 (FF FE)", mt, example.toString(), new byte[] { (byte) 0xFF, (byte) 0xFE }));
        cases.add(bytes("overlong UTF-8 (C0 AF)", mt, example.toString(), new byte[] { (byte) 0xC0, (byte) 0xAF }));
        cases.add(bytes("lone surrogate", mt, example.toString(), new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }));
        // every value of the example replaced by a value of each other type, and numbers pushed to their limits
        for (String pointer : pointers(example, "")) {
            for (JsonNode wrong : List.of(NODES.nullNode(), NODES.numberNode(123), NODES.textNode("text"),
                    NODES.arrayNode(), NODES.objectNode(), NODES.booleanNode(true), NODES.textNode(""),
                    NODES.numberNode(new java.math.BigDecimal("1e400")), NODES.numberNode(-1),
                    NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")), NODES.numberNode(1.5),
                    NODES.textNode("\u0000\u202E<script>"), NODES.textNode("x".repeat(5_000)))) {
                cases.add(text("value " + pointer + " := " + abbreviate(wrong), mt, replace(example, pointer, wrong)
                        .toString()));
            }
        }
        String valid = example.toString();
        for (int i = 0; i < 12; i++) {
            int at = random.nextInt(Math.max(1, valid.length()));
            cases.add(text("truncated at " + at, mt, valid.substring(0, at)));
        }
        for (int i = 0; i < 12; i++) {
            byte[] flipped = valid.getBytes(StandardCharsets.UTF_8);
            int at = random.nextInt(flipped.length);
            flipped[at] = (byte) random.nextInt(256);
            cases.add(new Case("byte " + at + " := " + (flipped[at] & 0xff), mt, flipped));
        }
        return cases;
    }

    static List<Case> ndjsonCases(String mt, String example, Random random) {
        String first = example.lines().findFirst().orElse("{}");
        List<Case> cases = new ArrayList<>(List.of(text("empty", mt, ""), text("blank lines", mt, "\n\n\n"),
                text("not JSON", mt, first + "\nnot json\n"), text("array line", mt, "[1,2,3]\n"),
                text("scalar line", mt, "42\n"), text("two objects on a line", mt, first + first + "\n"),
                text("deep line", mt, "[".repeat(100_000) + "]".repeat(100_000) + "\n"),
                text("huge line", mt, "{\"fullName\":\"" + "x".repeat(2_000_000) + "\"}\n"),
                text("unterminated", mt, first.substring(0, first.length() / 2)),
                text("unknown field", mt, first.replaceFirst("\\{", "{\"zzUnknown\":1,") + "\n"),
                bytes("invalid UTF-8", mt, first, new byte[] { (byte) 0xC3, 0x28 }),
                text("NUL bytes", mt, first.replace(":", ":\u0000"))));
        for (int i = 0; i < 8; i++) {
            int at = random.nextInt(Math.max(1, example.length()));
            cases.add(text("truncated at " + at, mt, example.substring(0, at)));
        }
        return cases;
    }

    static List<Case> csvCases(String mt, String example, Random random) {
        String header = example.lines().findFirst().orElse("a");
        List<Case> cases = new ArrayList<>(List.of(text("empty", mt, ""), text("header only", mt, header + "\n"),
                text("BOM only", mt, "\uFEFF"), text("unbalanced quote", mt, header + "\n\"abc,def\n"),
                text("quote in unquoted field", mt, header + "\nab\"c,d\n"),
                text("unknown column", mt, header + ",zzUnknown\n" + example.lines().skip(1).findFirst().orElse("")
                        + ",1\n"),
                text("duplicate column", mt, header + "," + header.split("[,;]")[0] + "\n"),
                text("too many fields", mt, header + "\n" + ",".repeat(10_000) + "\n"),
                text("10,000 columns", mt, String.join(",", java.util.stream.IntStream.range(0, 10_000)
                        .mapToObj(i -> "c" + i).toList()) + "\n"),
                text("huge field", mt, header + "\n\"" + "x".repeat(2_000_000) + "\"\n"),
                text("mixed separators", mt, header.replace(',', ';') + "\n" + example.lines().skip(1).findFirst()
                        .orElse("") + "\n"),
                bytes("invalid UTF-8", mt, example, new byte[] { (byte) 0xFF, (byte) 0xFE }),
                text("JSON instead of CSV", mt, "{\"records\":[]}")));
        for (int i = 0; i < 8; i++) {
            int at = random.nextInt(Math.max(1, example.length()));
            cases.add(text("truncated at " + at, mt, example.substring(0, at)));
        }
        return cases;
    }

    static List<Case> formCases(String mt, String example, Random random) {
        return List.of(text("empty", mt, ""), text("no value", mt, "grant_type="), text("bad escape", mt, "grant_type=%zz"),
                text("duplicate", mt, "grant_type=client_credentials&grant_type=password"),
                text("huge", mt, "grant_type=client_credentials&scope=" + "x".repeat(2_000_000)),
                bytes("invalid UTF-8", mt, example, new byte[] { (byte) 0xC3, 0x28 }),
                text("JSON", mt, "{\"grant_type\":\"client_credentials\"}"),
                text("truncated", mt, example.substring(0, random.nextInt(Math.max(1, example.length())))));
    }

    // ---- JSON helpers --------------------------------------------------------------------------------------------

    static Case bytes(String label, String mt, String text, byte[] bad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int quote = Math.max(0, text.indexOf("\":\"") + 3);
        int at = quote < 3 ? utf8.length / 2
                : new String(utf8, StandardCharsets.UTF_8).substring(0, quote)
                        .getBytes(StandardCharsets.UTF_8).length;
        out.write(utf8, 0, at);
        out.writeBytes(bad);
        out.write(utf8, at, utf8.length - at);
        return new Case(label, mt, out.toByteArray());
    }

    static String firstField(JsonNode example) {
        Iterator<String> names = example.isObject() ? example.fieldNames() : List.<String> of().iterator();
        return names.hasNext() ? names.next() : "records";
    }

    static JsonNode with(JsonNode example, String field, JsonNode value) {
        if (!example.isObject()) {
            return NODES.objectNode().set(field, value);
        }
        ObjectNode copy = example.deepCopy();
        copy.set(field, value);
        return copy;
    }

    /** JSON pointers of every value in the example (the first element of arrays only). */
    static List<String> pointers(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (!at.isEmpty()) {
            out.add(at);
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> out.addAll(pointers(e.getValue(), at + "/" + e.getKey())));
        } else if (node.isArray() && node.size() > 0) {
            out.addAll(pointers(node.get(0), at + "/0"));
        }
        return out;
    }

    static JsonNode replace(JsonNode example, String pointer, JsonNode value) {
        JsonNode copy = example.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? copy : copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
        return copy;
    }

    static String abbreviate(JsonNode value) {
        String s = value.toString();
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
