package id.perisai.api.common.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.json.StrictJson;

class RecordReaderTest {

    static final ObjectMapper MAPPER = StrictJson.configure(new ObjectMapper());

    static List<ObjectNode> read(RecordFormat format, byte[] body) throws IOException {
        RecordReader reader = format.reader(new ByteArrayInputStream(body), MAPPER, 64);
        List<ObjectNode> records = new ArrayList<>();
        for (ObjectNode r; (r = reader.next()) != null;) {
            records.add(r);
        }
        return records;
    }

    static List<ObjectNode> read(RecordFormat format, String body) throws IOException {
        return read(format, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonEnvelope() throws IOException {
        var records = read(RecordFormat.JSON, "{\"records\":[{\"a\":1},{\"b\":\"x\"}]}");
        assertEquals(2, records.size());
        assertEquals(1, records.get(0).get("a").asInt());
        assertEquals(0, read(RecordFormat.JSON, "{\"records\":[]}").size());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "[]", "{}", "{\"records\":{}}", "{\"records\":[1]}", "{\"records\":[{}], \"x\":1}",
            "{\"recs\":[]}", "{\"records\":[{\"a\":1}", "{\"records\":[]} trailing", "{\"records\":[{\"a\":}]}" })
    void malformedJsonIsRefusedWhole(String body) {
        assertThrows(MalformedBodyException.class, () -> read(RecordFormat.JSON, body));
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        String deep = "{\"records\":[{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}]}";
        assertThrows(MalformedBodyException.class, () -> read(RecordFormat.JSON, deep));
    }

    @Test
    void ndjsonOneObjectPerLineBlankLinesIgnored() throws IOException {
        var records = read(RecordFormat.NDJSON, "{\"a\":1}\n\n{\"a\":2}\r\n{\"a\":3}");
        assertEquals(List.of(1, 2, 3), records.stream().map(r -> r.get("a").asInt()).toList());
    }

    @Test
    void ndjsonBadLineIsNamed() {
        MalformedBodyException e = assertThrows(MalformedBodyException.class,
                () -> read(RecordFormat.NDJSON, "{\"a\":1}\n{\"a\":\n"));
        assertTrue(e.getMessage().contains("Line"), e.getMessage());
        MalformedBodyException notObject = assertThrows(MalformedBodyException.class,
                () -> read(RecordFormat.NDJSON, "{\"a\":1}\n[1,2]\n"));
        assertTrue(notObject.getMessage().contains("Line 2"), notObject.getMessage());
    }

    @Test
    void invalidUtf8IsRefusedInEveryFormat() {
        byte[] bad = { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
        assertThrows(MalformedBodyException.class, () -> read(RecordFormat.NDJSON, bad));
        byte[] csv = { 'a', '\n', (byte) 0xFF, (byte) 0xFE, '\n' };
        assertThrows(MalformedBodyException.class, () -> read(RecordFormat.CSV, csv));
    }

    @Test
    void csvWithQuotedSeparatorsNewlinesAndDoubledQuotes() throws IOException {
        var records = read(RecordFormat.CSV, "fullName,address,programs\r\n"
                + "\"Aminah, Siti\",\"Jl. \"\"Baru\"\"\r\nRT 1\",JKK|JKM\r\n"
                + "Budi,,JKK|JKM|JHT\r\n");
        assertEquals(2, records.size());
        assertEquals("Aminah, Siti", records.get(0).get("fullName").asText());
        assertEquals("Jl. \"Baru\"\r\nRT 1", records.get(0).get("address").asText());
        assertFalse(records.get(1).has("address"), "empty value = absent field");
        assertEquals("JKK|JKM|JHT", records.get(1).get("programs").asText());
    }

    @Test
    void csvSemicolonsBomCrlfAndNoFinalNewline() throws IOException {
        byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
        byte[] rest = "nik;fullName\r\n3201014101900001;\"Siti; Aminah\"\r\n3201014101900002;Budi"
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[bom.length + rest.length];
        System.arraycopy(bom, 0, body, 0, 3);
        System.arraycopy(rest, 0, body, 3, rest.length);
        var records = read(RecordFormat.CSV, body);
        assertEquals(2, records.size());
        assertEquals("3201014101900001", records.get(0).get("nik").asText(), "the BOM is not part of the first name");
        assertEquals("Siti; Aminah", records.get(0).get("fullName").asText());
        assertEquals("Budi", records.get(1).get("fullName").asText());
    }

    @Test
    void csvBlankLinesAreSkippedAndValuesTrimmed() throws IOException {
        var records = read(RecordFormat.CSV, "a,b\n\n 1 , 2 \n\n");
        assertEquals(1, records.size());
        assertEquals("1", records.get(0).get("a").asText());
        assertEquals("2", records.get(0).get("b").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "a,b\n1,2,3\n", "a,b\n1\n", "a,a\n1,2\n", "a,,b\n1,2,3\n", "a,b\n\"1,2\n",
            "a,b\n1\"x,2\n", "a,b\n\"1\"x,2\n" })
    void malformedCsvIsRefusedWhole(String body) {
        assertThrows(MalformedBodyException.class, () -> read(RecordFormat.CSV, body));
    }

    @Test
    void csvHugeFieldIsRefused() {
        assertThrows(MalformedBodyException.class, () -> read(RecordFormat.CSV, "a\n\"" + "x".repeat(5000) + "\"\n"));
    }

    @Test
    void csvHeaderOnlyHasNoRecords() throws IOException {
        assertEquals(0, read(RecordFormat.CSV, "nik,fullName\r\n").size());
    }

    @Test
    void contentTypes() {
        assertEquals(RecordFormat.JSON, RecordFormat.of("application/json; charset=UTF-8"));
        assertEquals(RecordFormat.NDJSON, RecordFormat.of("application/x-ndjson"));
        assertEquals(RecordFormat.NDJSON, RecordFormat.of("application/ndjson"));
        assertEquals(RecordFormat.CSV, RecordFormat.of("text/csv;charset=utf-8"));
        assertThrows(jakarta.ws.rs.NotSupportedException.class, () -> RecordFormat.of("text/csv; charset=ISO-8859-1"));
        assertThrows(jakarta.ws.rs.NotSupportedException.class, () -> RecordFormat.of("application/xml"));
    }

    @Test
    void bodyStreamCountsDigestsAndLimits() throws IOException {
        BodyStream stream = new BodyStream(new ByteArrayInputStream("hello".getBytes()), 5).seed("ctx");
        assertEquals('h', stream.read());
        byte[] digest = stream.finish();
        assertEquals(32, digest.length);
        assertEquals(5, stream.bytesRead());
        BodyStream tooBig = new BodyStream(new ByteArrayInputStream("hello!".getBytes()), 5);
        assertThrows(PayloadTooLargeException.class, tooBig::finish);
        assertNull(null);
    }
}
