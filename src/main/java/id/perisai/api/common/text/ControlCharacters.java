package id.perisai.api.common.text;

/**
 * Control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F, so NUL, TAB, CR, LF, ESC and the C1 set) have
 * no place in any text the API accepts: PostgreSQL refuses NUL in text (a 500 if it got that far), and the others
 * corrupt logs, CSV exports and the screens that show the value. No field of the API allows them — not even line
 * breaks; a multi-line address in a CSV upload has its line breaks folded to spaces before it is checked.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** Whether the text contains a control character. */
    public static boolean in(CharSequence text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (is(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether one character is a control character. */
    public static boolean is(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
