package id.perisai.api.contribution.rules;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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
 * The form of a contribution record (rules.md §4, api.md): every error is collected; what depends on the registry
 * (participant, coverage, amount due, payment reference) is decided when the batch is processed.
 */
public final class ContributionRecordValidator {

    public static final List<String> FIELDS = List.of("externalRef", "paymentRef", "nik", "periodStart", "months", "amount",
            "payerType", "payerName", "paidAt");
    static final Pattern PAYMENT_REF = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$");
    static final Pattern MONTH = Pattern.compile("^\\d{4}-\\d{2}$");
    /** paidAt may be this far ahead of the submission (clock skew between systems). */
    static final Duration PAID_AT_SKEW = Duration.ofMinutes(5);

    /** A well-formed contribution record. */
    public record ValidContribution(Nik nik, String paymentRef, YearMonth periodStart, int months, long amount,
            PayerType payerType, String payerName, OffsetDateTime paidAt, String externalRef) {
    }

    /** Valid record or every error; {@code externalRef} echoed either way. */
    public record Result(ValidContribution valid, List<FieldError> errors, String externalRef) {
    }

    private ContributionRecordValidator() {
    }

    public static Result validate(ObjectNode submitted, boolean textual, Instant submittedAt) {
        ObjectNode input = RecordFields.withoutControlCharacters(submitted);
        List<FieldError> errors = new ArrayList<>();
        RecordFields.refuseUnknown(input, FIELDS, "contribution", errors);
        String externalRef = null;
        String ref = text(input, "externalRef");
        if (present(input, "externalRef")) {
            if (ref == null || ref.length() > 64 || ControlCharacters.in(ref)) {
                errors.add(new FieldError("externalRef", "EXTERNAL_REF_INVALID", "must be text of at most 64 characters"));
            } else {
                externalRef = ref;
            }
        }
        String paymentRef = required(input, "paymentRef", errors);
        if (paymentRef != null && !PAYMENT_REF.matcher(paymentRef).matches()) {
            errors.add(new FieldError("paymentRef", "PAYMENT_REF_INVALID",
                    "must be 1–64 characters: letters, digits and . _ : / -"));
            paymentRef = null;
        }
        Nik nik = null;
        String nikText = required(input, "nik", errors);
        if (nikText != null) {
            String code = Nik.check(nikText);
            if (code == null) {
                nik = Nik.of(nikText).orElseThrow();
            } else {
                errors.add(new FieldError("nik", code, "must be a valid 16-digit NIK"));
            }
        }
        YearMonth periodStart = null;
        String period = required(input, "periodStart", errors);
        if (period != null) {
            try {
                periodStart = MONTH.matcher(period).matches() ? YearMonth.parse(period) : null;
            } catch (DateTimeParseException e) {
                periodStart = null;
            }
            if (periodStart == null) {
                errors.add(new FieldError("periodStart", "PERIOD_INVALID", "must be a month written YYYY-MM"));
            }
        }
        int months = 0;
        if (requiredNode(input, "months", errors)) {
            BigInteger m = RecordFields.integer(input.get("months"), textual);
            if (m == null || m.compareTo(BigInteger.ONE) < 0 || m.compareTo(BigInteger.valueOf(12)) > 0) {
                errors.add(new FieldError("months", "MONTHS_INVALID", "must be a whole number of months from 1 to 12"));
            } else {
                months = m.intValue();
            }
        }
        long amount = 0;
        if (requiredNode(input, "amount", errors)) {
            BigInteger a = RecordFields.integer(input.get("amount"), textual);
            if (a == null || a.signum() <= 0 || a.bitLength() > 40) {
                errors.add(new FieldError("amount", "AMOUNT_INVALID", "must be a positive whole number of rupiah"));
            } else {
                amount = a.longValueExact();
            }
        }
        PayerType payerType = null;
        String payer = required(input, "payerType", errors);
        if (payer != null) {
            try {
                payerType = PayerType.valueOf(payer);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("payerType", "PAYER_TYPE_INVALID", "must be SELF, PARTNER, GOVERNMENT or DONOR"));
            }
        }
        String payerName = text(input, "payerName");
        if (present(input, "payerName")) {
            if (payerName == null || payerName.isBlank() || payerName.length() > 100
                    || ControlCharacters.in(payerName)) {
                errors.add(new FieldError("payerName", "PAYER_NAME_INVALID", "must be text of at most 100 characters"));
                payerName = null;
            } else {
                payerName = payerName.trim();
            }
        } else if (payerType != null && payerType != PayerType.SELF) {
            errors.add(new FieldError("payerName", "REQUIRED", "is required unless payerType is SELF"));
        }
        OffsetDateTime paidAt = null;
        String paid = required(input, "paidAt", errors);
        if (paid != null) {
            try {
                paidAt = OffsetDateTime.parse(paid);
            } catch (DateTimeParseException e) {
                paidAt = null;
            }
            if (paidAt == null || paidAt.toInstant().isAfter(submittedAt.plus(PAID_AT_SKEW))) {
                errors.add(new FieldError("paidAt", "PAID_AT_INVALID",
                        "must be a past date-time with its offset (RFC 3339), e.g. 2026-11-20T09:30:00+07:00"));
                paidAt = null;
            }
        }
        if (!errors.isEmpty()) {
            errors.sort((a, b) -> Integer.compare(FIELDS.indexOf(a.field()), FIELDS.indexOf(b.field())));
            return new Result(null, List.copyOf(errors), externalRef);
        }
        return new Result(new ValidContribution(nik, paymentRef, periodStart, months, amount, payerType, payerName, paidAt,
                externalRef), List.of(), externalRef);
    }

    private static boolean present(ObjectNode input, String field) {
        JsonNode node = input.get(field);
        return node != null && !node.isNull() && !(node.isTextual() && node.textValue().isEmpty());
    }

    private static String text(ObjectNode input, String field) {
        JsonNode node = input.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** The field's text: null when missing (REQUIRED added) or not text (an invalid value, reported by the caller). */
    private static String required(ObjectNode input, String field, List<FieldError> errors) {
        if (!requiredNode(input, field, errors)) {
            return null;
        }
        String text = text(input, field);
        return text == null ? "\u0000not-text" : text;
    }

    private static boolean requiredNode(ObjectNode input, String field, List<FieldError> errors) {
        if (!present(input, field)) {
            errors.add(new FieldError(field, "REQUIRED", "is required"));
            return false;
        }
        return true;
    }

}
