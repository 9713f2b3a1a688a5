package id.perisai.api.common.csv;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;

/** A real export, read the way a spreadsheet splitting on {@code ;} would: no cell of it starts a formula. */
@QuarkusTest
class CsvExportsTest {

    @Test
    void resultsCsvQuotesSemicolonsSoNoFormulaCellAppearsWhenSplitOnSemicolons() {
        String partner = Fixtures.partner("CSVQ");
        Map<String, Object> semicolons = Workers.record("x;=1+1;");
        Map<String, Object> formula = Workers.record("=cmd;x");
        String batchId = Batches.submitJson(partner, List.of(semicolons, formula));
        Batches.awaitCompleted(partner, batchId);

        String csv = given().auth().oauth2(Batches.token(partner)).accept("text/csv")
                .get("/v1/registration-batches/{id}/records", batchId).then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length, csv);
        assertTrue(lines[1].startsWith("1,\"x;=1+1;\",ACCEPTED,"), lines[1]);
        assertTrue(lines[2].startsWith("2,\"'=cmd;x\",ACCEPTED,"), lines[2]);
        for (String line : lines) {
            for (String cell : splitOnSemicolonsOutsideQuotes(line)) {
                assertTrue(cell.isEmpty() || "=+-@".indexOf(cell.charAt(0)) < 0, "formula cell " + cell + " in " + line);
            }
        }
    }

    /** What a spreadsheet set to ';' makes of a line (RFC 4180 quotes respected). */
    static List<String> splitOnSemicolonsOutsideQuotes(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
