package id.perisai.api.common.web;

import java.util.UUID;

/** Resource ids as they arrive in paths: a malformed one names no resource (404), never a 400 or a 500. */
public final class Ids {

    private Ids() {
    }

    /** The UUID, or null when the text is not one in its canonical 36-character form. */
    public static UUID uuid(String value) {
        try {
            return value == null || value.length() != 36 ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
