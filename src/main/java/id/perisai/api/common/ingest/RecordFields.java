package id.perisai.api.common.ingest;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.text.ControlCharacters;

/** Field checks every kind of submitted record shares, whichever format (JSON, NDJSON, CSV) it came in. */
public final class RecordFields {

    static final Pattern DIGITS = Pattern.compile("^[0-9]{1,19}$");
    /** Stands in for a value that holds a control character: it is not text, so no field rule accepts it. */
    static final JsonNode INVALID_TEXT = JsonNodeFactory.instance.pojoNode("text with a control character");

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
     * The record with every value (or list element) holding a control character other than TAB, CR and LF replaced by
     * a value no rule accepts, so the record is rejected with that field's own code — never stored (PostgreSQL refuses
     * NUL in text). TAB, CR and LF are whitespace here: the fields that allow spaces fold them (a multi-line address in
     * a quoted CSV cell), the others refuse them by their own rule. The input is copied only when something is
     * replaced.
     */
    public static ObjectNode withoutControlCharacters(ObjectNode input) {
        ObjectNode clean = input;
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (holdsControlCharacter(field.getValue())) {
                if (clean == input) {
                    clean = input.deepCopy();
                }
                clean.set(field.getKey(), INVALID_TEXT);
            }
        }
        return clean;
    }

    private static boolean holdsControlCharacter(JsonNode value) {
        if (value.isTextual()) {
            String text = value.textValue();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (ControlCharacters.is(c) && c != '\t' && c != '\r' && c != '\n') {
                    return true;
                }
            }
            return false;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (holdsControlCharacter(element)) {
                    return true;
                }
            }
        }
        return false;
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
