package id.perisai.api.common.identity;

/** Person names: letters of any script, spaces, {@code .}, {@code '} and {@code -}; spaces trimmed and collapsed. */
public final class Names {

    private Names() {
    }

    /** Trimmed, with runs of whitespace collapsed to one space. */
    public static String normalize(String name) {
        return name == null ? null : name.trim().replaceAll("\\s+", " ");
    }

    /** Whether a normalized name has 2–100 characters of the allowed kinds. */
    public static boolean isValid(String normalized) {
        if (normalized == null) {
            return false;
        }
        int length = normalized.codePointCount(0, normalized.length());
        if (length < 2 || length > 100) {
            return false;
        }
        return normalized.codePoints().allMatch(c -> Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK || c == ' ' || c == '.' || c == '\'' || c == '-')
                && normalized.codePoints().anyMatch(Character::isLetter);
    }

    /** Equal ignoring case and repeated spaces (bank account holder vs agent name). */
    public static boolean sameName(String a, String b) {
        return a != null && b != null && normalize(a).equalsIgnoreCase(normalize(b));
    }
}
