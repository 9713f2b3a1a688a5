package id.perisai.api.registration.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.identity.Nik;
import id.perisai.api.common.ingest.RecordFields;
import id.perisai.api.common.problem.FieldError;

/** A participant registered through another channel, as imported by agency staff: NIK, status, registration day. */
public final class RegistryRecordValidator {

    static final Set<String> FIELDS = Set.of("nik", "status", "registeredOn");

    /** A valid import record. */
    public record RegistryRecord(Nik nik, String status, LocalDate registeredOn) {
    }

    /** Valid record or errors. */
    public record Result(RegistryRecord valid, List<FieldError> errors) {
    }

    private RegistryRecordValidator() {
    }

    public static Result validate(ObjectNode submitted, LocalDate today) {
        ObjectNode input = RecordFields.withoutControlCharacters(submitted);
        List<FieldError> errors = new ArrayList<>();
        RecordFields.refuseUnknown(input, FIELDS, "registry", errors);
        Nik nik = null;
        String nikText = text(input, "nik");
        if (nikText == null) {
            errors.add(new FieldError("nik", "REQUIRED", "is required"));
        } else {
            String code = Nik.check(nikText);
            if (code == null) {
                nik = Nik.of(nikText).orElseThrow();
            } else {
                errors.add(new FieldError("nik", code, "must be a valid 16-digit NIK"));
            }
        }
        String status = text(input, "status");
        if (status == null) {
            errors.add(new FieldError("status", "REQUIRED", "is required"));
        } else if (!"ACTIVE".equals(status) && !"LAPSED".equals(status)) {
            errors.add(new FieldError("status", "STATUS_INVALID", "must be ACTIVE or LAPSED"));
        }
        LocalDate registeredOn = null;
        String date = text(input, "registeredOn");
        if (date == null) {
            errors.add(new FieldError("registeredOn", "REQUIRED", "is required"));
        } else {
            registeredOn = RegistrationRecordValidator.date(date);
            if (registeredOn == null || registeredOn.isAfter(today)) {
                errors.add(new FieldError("registeredOn", "DATE_INVALID", "must be a past or present date written YYYY-MM-DD"));
            }
        }
        return errors.isEmpty() ? new Result(new RegistryRecord(nik, status, registeredOn), List.of())
                : new Result(null, List.copyOf(errors));
    }

    private static String text(ObjectNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
            return null;
        }
        return node.isTextual() ? node.textValue() : "\u0000not-text";
    }
}
