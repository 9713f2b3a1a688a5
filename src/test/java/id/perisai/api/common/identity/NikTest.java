package id.perisai.api.common.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NikTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "OK", value = {
            "3201014101900001       | OK",
            "3201010101900001       | OK",
            "3201 0141 0190 0001    | OK",
            "3201.0141.0190.0001    | OK",
            "3201-0141-0190-0001    | OK",
            "9601012902000001       | OK",
            "1101017112990001       | OK",
            "'320101410190000'      | NIK_INVALID",
            "32010141019000011      | NIK_INVALID",
            "32010141019O0001       | NIK_INVALID",
            "3201/0141/0190/0001    | NIK_INVALID",
            "''                     | NIK_INVALID",
            "1001014101900001       | NIK_REGION_INVALID",
            "2001014101900001       | NIK_REGION_INVALID",
            "3701014101900001       | NIK_REGION_INVALID",
            "9901014101900001       | NIK_REGION_INVALID",
            "3200014101900001       | NIK_REGION_INVALID",
            "3270014101900001       | NIK_REGION_INVALID",
            "3201004101900001       | NIK_REGION_INVALID",
            "3271014101900001       | OK",
            "3201010001900001       | NIK_INVALID",
            "3201013201900001       | NIK_INVALID",
            "3201014001900001       | NIK_INVALID",
            "3201017201900001       | NIK_INVALID",
            "3201010113900001       | NIK_INVALID",
            "3201010100900001       | NIK_INVALID",
            "3201013002900001       | NIK_INVALID",
            "3201013104900001       | NIK_INVALID",
            "3201014101900000       | NIK_INVALID" })
    void formatAndRegion(String input, String expected) {
        assertEquals(expected, Nik.check(input));
    }

    @Test
    void dayPlusFortyEncodesWomen() {
        assertTrue(Nik.of("3201014101900001").orElseThrow().encodesFemale());
        assertFalse(Nik.of("3201010101900001").orElseThrow().encodesFemale());
        assertFalse(Nik.of("3201013101900001").orElseThrow().encodesFemale());
        assertTrue(Nik.of("3201017101900001").orElseThrow().encodesFemale());
    }

    @ParameterizedTest(name = "{0} vs {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "3201014101900001 | 1990-01-01 | true",
            "3201014101900001 | 2090-01-01 | true",
            "3201014101900001 | 1990-01-02 | false",
            "3201014101900001 | 1990-02-01 | false",
            "3201014101900001 | 1991-01-01 | false",
            "3201012902000001 | 2000-02-29 | true",
            "3201016902000001 | 2000-02-29 | true" })
    void birthDateComparesDayMonthAndTwoDigitYear(String nik, String birthDate, boolean matches) {
        assertEquals(matches, Nik.of(nik).orElseThrow().matchesBirthDate(LocalDate.parse(birthDate)));
    }

    @Test
    void maskShowsFirstAndLastFourOnly() {
        Nik nik = Nik.of("3201 0141 0190 0001").orElseThrow();
        assertEquals("3201014101900001", nik.digits());
        assertEquals("3201**********0001", nik.masked());
        assertEquals("3201**********0001", nik.toString());
    }
}
