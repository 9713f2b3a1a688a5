package id.perisai.api.contribution.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.YearMonth;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.contribution.rules.ContributionRecordValidator.Result;

class ContributionRecordValidatorTest {

    static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");

    static ObjectNode valid() {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("externalRef", "pay-1");
        r.put("paymentRef", "TRX/2026/11/0001");
        r.put("nik", "3201014101900001");
        r.put("periodStart", "2026-11");
        r.put("months", 2);
        r.put("amount", 16800);
        r.put("payerType", "GOVERNMENT");
        r.put("payerName", "Pemprov Jawa Barat (APBD)");
        r.put("paidAt", "2026-11-20T09:30:00+07:00");
        return r;
    }

    @Test
    void validRecord() {
        Result result = ContributionRecordValidator.validate(valid(), false, NOW);
        assertNotNull(result.valid(), result.errors().toString());
        assertEquals(YearMonth.of(2026, 11), result.valid().periodStart());
        assertEquals(PayerType.GOVERNMENT, result.valid().payerType());
        assertEquals("pay-1", result.externalRef());
    }

    @Test
    void selfNeedsNoPayerNameAndCsvNumbersAreText() {
        ObjectNode r = valid();
        r.put("payerType", "SELF");
        r.remove("payerName");
        r.put("months", "3");
        r.put("amount", "25200");
        Result result = ContributionRecordValidator.validate(r, true, NOW);
        assertNotNull(result.valid(), result.errors().toString());
        assertEquals(3, result.valid().months());
    }

    static Arguments invalid(String name, Consumer<ObjectNode> change, String field, String code) {
        return Arguments.of(name, change, field, code);
    }

    static Stream<Arguments> invalidRecords() {
        return Stream.of(
                invalid("paymentRef missing", r -> r.remove("paymentRef"), "paymentRef", "REQUIRED"),
                invalid("paymentRef with spaces", r -> r.put("paymentRef", "TRX 1"), "paymentRef", "PAYMENT_REF_INVALID"),
                invalid("paymentRef 65 chars", r -> r.put("paymentRef", "A".repeat(65)), "paymentRef", "PAYMENT_REF_INVALID"),
                invalid("nik missing", r -> r.remove("nik"), "nik", "REQUIRED"),
                invalid("nik short", r -> r.put("nik", "3201"), "nik", "NIK_INVALID"),
                invalid("nik region", r -> r.put("nik", "1001014101900001"), "nik", "NIK_REGION_INVALID"),
                invalid("periodStart missing", r -> r.remove("periodStart"), "periodStart", "REQUIRED"),
                invalid("periodStart a date", r -> r.put("periodStart", "2026-11-01"), "periodStart", "PERIOD_INVALID"),
                invalid("periodStart month 13", r -> r.put("periodStart", "2026-13"), "periodStart", "PERIOD_INVALID"),
                invalid("months missing", r -> r.remove("months"), "months", "REQUIRED"),
                invalid("months 0", r -> r.put("months", 0), "months", "MONTHS_INVALID"),
                invalid("months 13", r -> r.put("months", 13), "months", "MONTHS_INVALID"),
                invalid("months text in JSON", r -> r.put("months", "2"), "months", "MONTHS_INVALID"),
                invalid("amount missing", r -> r.remove("amount"), "amount", "REQUIRED"),
                invalid("amount negative", r -> r.put("amount", -5), "amount", "AMOUNT_INVALID"),
                invalid("amount fraction", r -> r.put("amount", 16800.5), "amount", "AMOUNT_INVALID"),
                invalid("amount huge", r -> r.put("amount", new java.math.BigInteger("99999999999999999999")), "amount",
                        "AMOUNT_INVALID"),
                invalid("payerType missing", r -> r.remove("payerType"), "payerType", "REQUIRED"),
                invalid("payerType unknown", r -> r.put("payerType", "BANK"), "payerType", "PAYER_TYPE_INVALID"),
                invalid("payerName missing for GOVERNMENT", r -> r.remove("payerName"), "payerName", "REQUIRED"),
                invalid("payerName 101 chars", r -> r.put("payerName", "x".repeat(101)), "payerName", "PAYER_NAME_INVALID"),
                invalid("paidAt missing", r -> r.remove("paidAt"), "paidAt", "REQUIRED"),
                invalid("paidAt without offset", r -> r.put("paidAt", "2026-11-20T09:30:00"), "paidAt", "PAID_AT_INVALID"),
                invalid("paidAt in the future", r -> r.put("paidAt", "2026-12-01T00:00:00+07:00"), "paidAt", "PAID_AT_INVALID"),
                invalid("externalRef 65 chars", r -> r.put("externalRef", "x".repeat(65)), "externalRef",
                        "EXTERNAL_REF_INVALID"),
                invalid("unknown field", r -> r.put("participantId", "x"), "(unknown)", "UNKNOWN_FIELD"),
                invalid("a NIK as a field name", r -> r.put("3201019999990042", "x"), "(unknown)", "UNKNOWN_FIELD"));
    }

    @ParameterizedTest(name = "{0} → {2} {3}")
    @MethodSource("invalidRecords")
    void eachFormRuleHasItsCode(String name, Consumer<ObjectNode> change, String field, String code) {
        ObjectNode r = valid();
        change.accept(r);
        Result result = ContributionRecordValidator.validate(r, false, NOW);
        assertTrue(result.errors().stream().anyMatch(e -> e.field().equals(field) && e.code().equals(code)),
                () -> result.errors().toString());
    }

    static Stream<String> fields() {
        return ContributionRecordValidator.FIELDS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void aControlCharacterInAnyFieldRejectsTheRecordNamingThatField(String field) {
        for (boolean csv : new boolean[] { false, true }) {
            ObjectNode r = valid();
            r.put(field, r.get(field).asText() + "\u0000");
            Result result = ContributionRecordValidator.validate(r, csv, NOW);
            assertTrue(result.valid() == null && result.errors().stream().anyMatch(e -> e.field().equals(field)),
                    () -> field + (csv ? " (CSV)" : " (JSON)") + ": " + result.errors());
        }
    }

    @Test
    void everyErrorIsCollected() {
        ObjectNode r = valid();
        r.put("months", 99);
        r.put("amount", 0);
        r.put("payerType", "?");
        r.remove("paidAt");
        assertEquals(4, ContributionRecordValidator.validate(r, false, NOW).errors().size());
    }
}
