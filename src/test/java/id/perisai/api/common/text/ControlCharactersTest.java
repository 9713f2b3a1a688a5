package id.perisai.api.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControlCharactersTest {

    @ParameterizedTest(name = "U+{0} → {1}")
    @CsvSource({
            "0000, true", "0001, true", "0009, true", "000A, true", "000D, true", "001B, true", "001F, true",
            "007F, true", "0080, true", "0085, true", "009B, true", "009F, true",
            "0020, false", "0041, false", "007E, false", "00A0, false", "00E9, false", "2028, false", "FEFF, false" })
    void controlCharactersAreTheUnicodeCcCategory(String hex, boolean control) {
        char c = (char) Integer.parseInt(hex, 16);
        assertEquals(control, ControlCharacters.is(c));
        assertEquals(control, ControlCharacters.in("Siti" + c + "Aminah"));
        assertEquals(control, Character.getType(c) == Character.CONTROL, "the Cc category of Unicode");
    }
}
