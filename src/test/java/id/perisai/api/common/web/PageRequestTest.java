package id.perisai.api.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import id.perisai.api.common.problem.InvalidInputException;

class PageRequestTest {

    @Test
    void defaultsToFiftyFromTheStart() {
        PageRequest page = PageRequest.of(null, null);
        assertEquals(50, page.limit());
        assertNull(page.after());
        assertEquals(51, page.fetchSize());
    }

    @Test
    void cursorRoundTrips() {
        assertEquals("SPSI-DPC-BDG", PageRequest.of("10", PageRequest.encode("SPSI-DPC-BDG")).after());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "0     | null   | limit  | OUT_OF_RANGE",
            "501   | null   | limit  | OUT_OF_RANGE",
            "-1    | null   | limit  | OUT_OF_RANGE",
            "abc   | null   | limit  | INVALID_VALUE",
            "1.5   | null   | limit  | INVALID_VALUE",
            "10    | %%%    | cursor | INVALID_CURSOR" })
    void invalidParametersAreNamed(String limit, String cursor, String field, String code) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PageRequest.of(limit, cursor));
        assertEquals(field, e.errors().get(0).field());
        assertEquals(code, e.errors().get(0).code());
    }

    @Test
    void pageOfFetchedItemsSetsTheCursorOnlyWhenMoreExist() {
        PageRequest request = PageRequest.of("2", null);
        Page<String> full = Page.of(List.of("a", "b", "c"), request, s -> s);
        assertEquals(List.of("a", "b"), full.items());
        assertEquals("b", PageRequest.of("2", full.nextCursor()).after());
        Page<String> last = Page.of(List.of("a", "b"), request, s -> s);
        assertNull(last.nextCursor());
    }
}
