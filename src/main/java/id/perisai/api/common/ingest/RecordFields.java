package id.perisai.api.common.ingest;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.problem.FieldError;

/** Field checks every kind of submitted record shares, whichever format (JSON, NDJSON, CSV) it came in. */
public final class RecordFields {

    static final Pattern DIGITS = Pattern.compile("^[0-9]{1,19}$");

    private RecordFields() {
    }

    /**
     * Adds one {@code UNKNOWN_FIELD} error when the record has fields that are not among {@code fields}. Their names
     * are whatever a client sent (a NIK sent as a field name, say), so they are never echoed: the error names the field
     * {@link FieldError#UNKNOWN} and says how many there are.
     */
    public static void refuseUnknown(ObjectNode input, Collection<String> fields, String recordKind,
            List<FieldError> errors) {
        int unknown = 0;
        for (Iterator<String> it = input.fieldNames(); it.hasNext();) {
            if (!fields.contains(it.next())) {
                unknown++;
            }
        }
        if (unknown > 0) {
            errors.add(new FieldError(FieldError.UNKNOWN, "UNKNOWN_FIELD", (unknown == 1 ? "a field that is"
                    : unknown + " fields that are") + " not part of a " + recordKind + " record"));
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
