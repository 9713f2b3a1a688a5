package id.perisai.api.common.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.DocumentedResponses;

/** The response validator every {@code @QuarkusTest} runs through ({@link DocumentedResponses}) can fail. */
class DocumentedResponsesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SCHEMA = """
            {"type":"object","required":["id"],"properties":{"id":{"type":"string"},
             "status":{"type":"string","enum":["ACTIVE","LAPSED"]},"n":{"type":"integer"},
             "items":{"type":"array","items":{"type":"object","properties":{"x":{"type":"boolean"}}}},
             "note":{"type":["string","null"]}}}""";

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"id\":\"a\",\"status\":\"ACTIVE\",\"n\":1,\"items\":[{\"x\":true}],\"note\":null} | []",
            "{\"status\":\"ACTIVE\"}                 | [$.id is required]",
            "{\"id\":\"a\",\"secret\":\"s\"}          | [$.secret is not documented]",
            "{\"id\":\"a\",\"status\":\"VOID\"}        | [$.status = \"VOID\" is not one of [\"ACTIVE\",\"LAPSED\"]]",
            "{\"id\":1}                              | [$.id is NUMBER, documented [string]]",
            "{\"id\":\"a\",\"n\":1.5}                 | [$.n is NUMBER, documented [integer]]",
            "{\"id\":\"a\",\"items\":[{\"x\":1}]}     | [$.items[0].x is NUMBER, documented [boolean]]",
            "{\"id\":null}                           | [$.id is null]",
            "[]                                      | [$ is ARRAY, documented [object]]" })
    void findsWhatTheSchemaDoesNotAllow(String body, String expected) throws Exception {
        List<String> problems = new ArrayList<>();
        DocumentedResponses.check(JSON.readTree(body), JSON.readTree(SCHEMA), "$", problems);
        assertEquals(expected, problems.toString());
    }
}
