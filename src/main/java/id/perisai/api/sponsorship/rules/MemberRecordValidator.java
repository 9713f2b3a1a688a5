package id.perisai.api.sponsorship.rules;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.identity.Nik;
import id.perisai.api.common.ingest.RecordFields;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.text.ControlCharacters;

/**
 * The form of a member record {@code {"externalRef","nik","action","fromMonth"}}: every error collected; what depends
 * on the registry and the roster is decided when the batch is processed ({@link MemberDecision}).
 */
public final class MemberRecordValidator {

    public static final List<String> FIELDS = List.of("externalRef", "nik", "action", "fromMonth");
    static final Pattern MONTH = Pattern.compile("^\\d{4}-\\d{2}$");

    /** A well-formed member record. */
    public record ValidMember(Nik nik, MemberAction action, YearMonth fromMonth, String externalRef) {
    }

    /** Valid record or every error; {@code externalRef} echoed either way. */
    public record Result(ValidMember valid, List<FieldError> errors, String externalRef) {
    }

    private MemberRecordValidator() {
    }

    public static Result validate(ObjectNode submitted) {
        ObjectNode input = RecordFields.withoutControlCharacters(submitted);
        List<FieldError> errors = new ArrayList<>();
        RecordFields.refuseUnknown(input, FIELDS, "member", errors);
        String externalRef = null;
        if (present(input, "externalRef")) {
            String ref = text(input, "externalRef");
            if (ref == null || ref.length() > 64 || ControlCharacters.in(ref)) {
                errors.add(new FieldError("externalRef", "EXTERNAL_REF_INVALID", "must be text of at most 64 characters"));
            } else {
                externalRef = ref;
            }
        }
        Nik nik = null;
        if (required(input, "nik", errors)) {
            String text = text(input, "nik");
            String code = text == null ? Nik.INVALID : Nik.check(text);
            if (code == null) {
                nik = Nik.of(text).orElseThrow();
            } else {
                errors.add(new FieldError("nik", code, "must be a valid 16-digit NIK"));
            }
        }
        MemberAction action = null;
        if (required(input, "action", errors)) {
            String text = text(input, "action");
            try {
                action = text == null ? null : MemberAction.valueOf(text);
            } catch (IllegalArgumentException e) {
                action = null;
            }
            if (action == null) {
                errors.add(new FieldError("action", "ACTION_INVALID", "must be ADD or REMOVE"));
            }
        }
        YearMonth fromMonth = null;
        if (required(input, "fromMonth", errors)) {
            String text = text(input, "fromMonth");
            try {
                fromMonth = text != null && MONTH.matcher(text).matches() ? YearMonth.parse(text) : null;
            } catch (DateTimeParseException e) {
                fromMonth = null;
            }
            if (fromMonth == null) {
                errors.add(new FieldError("fromMonth", "MONTH_INVALID", "must be a month written YYYY-MM"));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort((a, b) -> Integer.compare(FIELDS.indexOf(a.field()), FIELDS.indexOf(b.field())));
            return new Result(null, List.copyOf(errors), externalRef);
        }
        return new Result(new ValidMember(nik, action, fromMonth, externalRef), List.of(), externalRef);
    }

    private static boolean present(ObjectNode input, String field) {
        JsonNode node = input.get(field);
        return node != null && !node.isNull() && !(node.isTextual() && node.textValue().isEmpty());
    }

    private static String text(ObjectNode input, String field) {
        JsonNode node = input.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static boolean required(ObjectNode input, String field, List<FieldError> errors) {
        if (!present(input, field)) {
            errors.add(new FieldError(field, "REQUIRED", "is required"));
            return false;
        }
        return true;
    }
}
