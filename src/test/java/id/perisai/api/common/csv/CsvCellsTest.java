package id.perisai.api.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvCellsTest {

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("plain text", "Siti Aminah", "Siti Aminah"),
                Arguments.of("null", null, ""),
                Arguments.of("empty", "", ""),
                Arguments.of("comma", "Jl. Mawar 5, RT 01", "\"Jl. Mawar 5, RT 01\""),
                Arguments.of("semicolon (our upload's other separator)", "x;=1+1;", "\"x;=1+1;\""),
                Arguments.of("tab inside", "a\tb", "\"a\tb\""),
                Arguments.of("quote doubled", "say \"hi\"", "\"say \"\"hi\"\"\""),
                Arguments.of("line feed", "line 1\nline 2", "\"line 1\nline 2\""),
                Arguments.of("carriage return inside", "a\rb", "\"a\rb\""),
                Arguments.of("formula =", "=1+1", "'=1+1"),
                Arguments.of("formula +", "+62812", "'+62812"),
                Arguments.of("formula -", "-2+3", "'-2+3"),
                Arguments.of("formula @", "@SUM(A1)", "'@SUM(A1)"),
                Arguments.of("formula after tab", "\t=1", "\"'\t=1\""),
                Arguments.of("formula after carriage return", "\r=1", "\"'\r=1\""),
                Arguments.of("formula with separators", "=HYPERLINK(\"x\";\"y\")", "\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\""),
                Arguments.of("formula character later is harmless", "a=1", "a=1"),
                Arguments.of("negative number stays a number", -5000L, "-5000"),
                Arguments.of("decimal number", new BigDecimal("0.15"), "0.15"),
                Arguments.of("boolean", true, "true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void cellIsQuotedAndDefusedAsNeeded(String name, Object value, String expected) {
        assertEquals(expected, CsvCells.cell(value));
    }

    @Test
    void rowJoinsCellsWithCommasAndEndsInCrlf() {
        StringBuilder sb = new StringBuilder();
        CsvCells.row(sb, 1, "a;b", null, "=x");
        assertEquals("1,\"a;b\",,'=x\r\n", sb.toString());
    }
}
