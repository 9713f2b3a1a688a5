package id.perisai.api.common.ingest;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.problem.FieldError;

/** Field checks every kind of submitted record shares, whichever format (JSON, NDJSON, CSV) it came in. */
public final class RecordFields {

    static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z0-9_]{1,64}$");
    static final Pattern DIGITS = Pattern.compile("^[0-9]{1,19}$");

    private RecordFields() {
    }

    /**
     * Adds an {@code UNKNOWN_FIELD} error for every field of the record that is not one of {@code fields}; a name
     * that is not a plain identifier is not echoed (it could be anything a client sent).
     */
    public static void refuseUnknown(ObjectNode input, Collection<String> fields, String recordKind,
            List<FieldError> errors) {
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext();) {
            String name = it.next().getKey();
            if (!fields.contains(name)) {
                errors.add(new FieldError(FIELD_NAME.matcher(name).matches() ? name : "(unnamed field)", "UNKNOWN_FIELD",
                        "is not a field of a " + recordKind + " record"));
            }
        }
    }

    /**
     * A whole number: a JSON integer, or (from CSV, where every cell is text) a string of at most 19 digits; anything
     * else is null, so {@code "12"} in JSON is not coerced.
     */
    public static BigInteger integer(JsonNode node, boolean textual) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (textual && node.isTextual() && DIGITS.matcher(node.textValue().trim()).matches()) {
            return new BigInteger(node.textValue().trim());
        }
        return null;
    }
}
