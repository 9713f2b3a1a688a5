package id.perisai.api.common.identity;

import java.util.regex.Pattern;

/**
 * E-mail addresses: a local part (no spaces, quotes, separators or control characters) and a domain of at least two
 * labels, 254 characters at most.
 */
public final class Emails {

    static final Pattern EMAIL = Pattern
            .compile("^[^@\\s\"(),:;<>\\[\\]\\\\\\p{Cntrl}\\u0080-\\u009f]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private Emails() {
    }

    /** The trimmed address when valid, else null. */
    public static String normalize(String input) {
        if (input == null) {
            return null;
        }
        String e = input.trim();
        return e.length() <= 254 && EMAIL.matcher(e).matches() ? e : null;
    }
}
