package id.perisai.api.common.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.text.ControlCharacters;

/**
 * {@code ?limit=} (1–500, default 50) and {@code ?cursor=} of a list endpoint. The cursor is opaque to clients: the
 * base64url form of the sort key of the last item served.
 */
public record PageRequest(int limit, String after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Parses the raw query values; invalid ones are a 400 naming the parameter. */
    public static PageRequest of(String limit, String cursor) {
        List<FieldError> errors = new ArrayList<>();
        int parsedLimit = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                parsedLimit = Integer.parseInt(limit.trim());
                if (parsedLimit < 1 || parsedLimit > MAX_LIMIT) {
                    errors.add(new FieldError("limit", "OUT_OF_RANGE", "must be between 1 and " + MAX_LIMIT));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "INVALID_VALUE", "must be an integer between 1 and " + MAX_LIMIT));
            }
        }
        String after = null;
        if (cursor != null && !cursor.isEmpty()) {
            after = decode(cursor);
            if (after == null) {
                errors.add(new FieldError("cursor", "INVALID_CURSOR", "is not a cursor returned by this list"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new PageRequest(parsedLimit, after);
    }

    /** Items to fetch: one more than the limit tells whether another page exists. */
    public int fetchSize() {
        return limit + 1;
    }

    public static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        if (cursor.length() > 512) {
            return null;
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            // no cursor we hand out holds a control character (and PostgreSQL refuses NUL in text)
            return key.isEmpty() || ControlCharacters.in(key) ? null : key;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
