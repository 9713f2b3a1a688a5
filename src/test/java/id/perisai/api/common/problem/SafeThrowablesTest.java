package id.perisai.api.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.pgclient.PgException;

class SafeThrowablesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Key (nik_index)=(\\x1234) already exists                | Key (nik_index)=(…) already exists",
            "name \"Siti Aminah\" is invalid                          | name \"…\" is invalid",
            "phone '081234567890' rejected                            | phone '…' rejected",
            "no quotes here                                           | no quotes here" })
    void quotedValuesAreRedacted(String message, String expected) {
        assertEquals(expected, SafeThrowables.redactQuoted(message));
    }

    @Test
    void databaseErrorsKeepOnlyTheirCodes() {
        PgException pg = new PgException("duplicate key value violates unique constraint", "ERROR", "23505",
                "Failing row contains (3201014101900001, Siti Aminah).");
        String described = SafeThrowables.describe(pg);
        assertTrue(described.contains("23505"));
        assertFalse(described.contains("Siti"));
        assertFalse(described.contains("3201014101900001"));
    }

    @Test
    void jsonErrorsKeepNoInputFragments() throws Exception {
        try {
            new ObjectMapper().readTree("{\"nik\": 3201014101900001x}");
        } catch (Exception e) {
            assertFalse(SafeThrowables.describe(e).contains("3201014101900001"));
            Throwable copy = SafeThrowables.sanitize(new RuntimeException("wrapped", e));
            assertFalse(String.valueOf(copy.getCause().getMessage()).contains("3201014101900001"));
            assertEquals(e.getStackTrace().length, copy.getCause().getStackTrace().length);
            return;
        }
        throw new AssertionError("expected a parse failure");
    }
}
