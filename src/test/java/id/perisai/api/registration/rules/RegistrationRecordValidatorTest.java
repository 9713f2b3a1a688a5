package id.perisai.api.registration.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.problem.FieldError;
import id.perisai.api.participant.rules.Occupation;
import id.perisai.api.registration.rules.RegistrationRecordValidator.AgentRef;
import id.perisai.api.registration.rules.RegistrationRecordValidator.Result;

/** Every error code of rules.md §1–3 on a registration record, table-driven. */
class RegistrationRecordValidatorTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    static final ObjectMapper JSON = new ObjectMapper();
    static final RegistrationRecordValidator VALIDATOR = new RegistrationRecordValidator(
            new RegistrationRules(15, 65, 1_000_000, 100_000_000));
    static final Map<String, AgentRef> AGENTS = Map.of("AG-ACTIVE", new AgentRef(7, "ACTIVE"),
            "AG-INACTIVE", new AgentRef(8, "INACTIVE"), "AG-SUSPENDED", new AgentRef(9, "SUSPENDED"));

    /** A valid woman born 1990-01-01, with JHT. */
    static ObjectNode valid() {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("nik", "3201014101900001");
        r.put("fullName", "Siti  Aminah ");
        r.put("birthDate", "1990-01-01");
        r.put("gender", "F");
        r.put("phone", "0812-3456-7890");
        r.put("email", "siti@example.co.id");
        r.put("occupation", "PEDAGANG");
        r.put("monthlyIncome", 2_500_000);
        r.putArray("programs").add("JKK").add("JKM").add("JHT");
        r.put("agentCode", "AG-ACTIVE");
        r.put("externalRef", "row-17");
        r.put("address", "Jl. Pasar Baru 1");
        r.put("regionCode", "32.01.01");
        return r;
    }

    static Result validate(ObjectNode record) {
        return VALIDATOR.validate(record, false, TODAY, AGENTS::get);
    }

    @Test
    void validRecordIsNormalized() {
        Result result = validate(valid());
        assertTrue(result.isValid(), () -> result.errors().toString());
        var v = result.valid();
        assertEquals("3201014101900001", v.nik().digits());
        assertEquals("Siti Aminah", v.fullName());
        assertEquals("+6281234567890", v.phone());
        assertEquals(Occupation.PEDAGANG, v.occupation());
        assertEquals(2_500_000, v.monthlyIncome());
        assertTrue(v.jht());
        assertEquals(7L, v.agentId());
        assertEquals("row-17", result.externalRef());
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        ObjectNode r = valid();
        r.remove(List.of("email", "agentCode", "externalRef", "address", "regionCode"));
        r.putArray("programs").add("JKM").add("JKK");
        Result result = validate(r);
        assertTrue(result.isValid(), () -> result.errors().toString());
        assertFalse(result.valid().jht());
        assertNull(result.valid().agentId());
    }

    static Arguments invalid(String name, Consumer<ObjectNode> change, String field, String code) {
        return Arguments.of(name, change, field, code);
    }

    static Stream<Arguments> invalidRecords() {
        return Stream.of(
                invalid("nik missing", r -> r.remove("nik"), "nik", "REQUIRED"),
                invalid("nik null", r -> r.putNull("nik"), "nik", "REQUIRED"),
                invalid("nik 15 digits", r -> r.put("nik", "320101410190000"), "nik", "NIK_INVALID"),
                invalid("nik a number", r -> r.put("nik", 3201014101900001L), "nik", "NIK_INVALID"),
                invalid("nik province", r -> r.put("nik", "1001014101900001"), "nik", "NIK_REGION_INVALID"),
                invalid("nik birth date", r -> r.put("nik", "3201014201900001"), "nik", "NIK_BIRTHDATE_MISMATCH"),
                invalid("nik birth year", r -> r.put("nik", "3201014101910001"), "nik", "NIK_BIRTHDATE_MISMATCH"),
                invalid("nik gender", r -> r.put("nik", "3201010101900001"), "nik", "NIK_GENDER_MISMATCH"),
                invalid("name missing", r -> r.remove("fullName"), "fullName", "REQUIRED"),
                invalid("name one letter", r -> r.put("fullName", " A "), "fullName", "NAME_INVALID"),
                invalid("name 101 letters", r -> r.put("fullName", "A".repeat(101)), "fullName", "NAME_INVALID"),
                invalid("name digits", r -> r.put("fullName", "Siti 2"), "fullName", "NAME_INVALID"),
                invalid("name emoji", r -> r.put("fullName", "Siti 😀"), "fullName", "NAME_INVALID"),
                invalid("name only punctuation", r -> r.put("fullName", ".-'"), "fullName", "NAME_INVALID"),
                invalid("birthDate missing", r -> r.remove("birthDate"), "birthDate", "REQUIRED"),
                invalid("birthDate format", r -> r.put("birthDate", "01-01-1990"), "birthDate", "BIRTHDATE_INVALID"),
                invalid("birthDate impossible", r -> r.put("birthDate", "1990-02-30"), "birthDate", "BIRTHDATE_INVALID"),
                invalid("birthDate future", r -> r.put("birthDate", "2027-01-01"), "birthDate", "BIRTHDATE_INVALID"),
                invalid("age 14", r -> {
                    r.put("birthDate", "2011-11-22");
                    r.put("nik", "3201016211110001");
                }, "birthDate", "AGE_NOT_ELIGIBLE"),
                invalid("age 65", r -> {
                    r.put("birthDate", "1961-11-21");
                    r.put("nik", "3201016111610001");
                }, "birthDate", "AGE_NOT_ELIGIBLE"),
                invalid("gender missing", r -> r.remove("gender"), "gender", "REQUIRED"),
                invalid("gender lower case", r -> r.put("gender", "f"), "gender", "GENDER_INVALID"),
                invalid("gender other", r -> r.put("gender", "X"), "gender", "GENDER_INVALID"),
                invalid("phone missing", r -> r.remove("phone"), "phone", "REQUIRED"),
                invalid("phone landline", r -> r.put("phone", "0221234567"), "phone", "PHONE_INVALID"),
                invalid("phone too short", r -> r.put("phone", "081234567"), "phone", "PHONE_INVALID"),
                invalid("phone too long", r -> r.put("phone", "+628123456789012"), "phone", "PHONE_INVALID"),
                invalid("phone letters", r -> r.put("phone", "0812abc4567"), "phone", "PHONE_INVALID"),
                invalid("email invalid", r -> r.put("email", "siti@"), "email", "EMAIL_INVALID"),
                invalid("email spaces", r -> r.put("email", "si ti@example.com"), "email", "EMAIL_INVALID"),
                invalid("occupation missing", r -> r.remove("occupation"), "occupation", "REQUIRED"),
                invalid("occupation unknown", r -> r.put("occupation", "PILOT"), "occupation", "OCCUPATION_INVALID"),
                invalid("occupation lower case", r -> r.put("occupation", "ojek"), "occupation", "OCCUPATION_INVALID"),
                invalid("income missing", r -> r.remove("monthlyIncome"), "monthlyIncome", "REQUIRED"),
                invalid("income too low", r -> r.put("monthlyIncome", 999_999), "monthlyIncome", "INCOME_OUT_OF_RANGE"),
                invalid("income too high", r -> r.put("monthlyIncome", 100_000_001), "monthlyIncome", "INCOME_OUT_OF_RANGE"),
                invalid("income negative", r -> r.put("monthlyIncome", -5), "monthlyIncome", "INCOME_OUT_OF_RANGE"),
                invalid("income huge", r -> r.put("monthlyIncome", new java.math.BigInteger("99999999999999999999999")),
                        "monthlyIncome", "INCOME_OUT_OF_RANGE"),
                invalid("income fraction", r -> r.put("monthlyIncome", 2_500_000.5), "monthlyIncome", "INCOME_OUT_OF_RANGE"),
                invalid("income as JSON string", r -> r.put("monthlyIncome", "2500000"), "monthlyIncome",
                        "INCOME_OUT_OF_RANGE"),
                invalid("programs missing", r -> r.remove("programs"), "programs", "REQUIRED"),
                invalid("programs empty", r -> r.putArray("programs"), "programs", "PROGRAM_REQUIRED"),
                invalid("programs without JKM", r -> r.putArray("programs").add("JKK").add("JHT"), "programs",
                        "PROGRAM_REQUIRED"),
                invalid("programs JP", r -> r.putArray("programs").add("JKK").add("JKM").add("JP"), "programs",
                        "PROGRAM_NOT_AVAILABLE"),
                invalid("programs JKP", r -> r.putArray("programs").add("JKK").add("JKM").add("JKP"), "programs",
                        "PROGRAM_NOT_AVAILABLE"),
                invalid("programs unknown", r -> r.putArray("programs").add("JKK").add("JKM").add("XYZ"), "programs",
                        "PROGRAM_INVALID"),
                invalid("programs not a list", r -> r.put("programs", "JKK|JKM"), "programs", "PROGRAM_INVALID"),
                invalid("agent unknown", r -> r.put("agentCode", "AG-NOPE"), "agentCode", "AGENT_NOT_FOUND"),
                invalid("agent inactive", r -> r.put("agentCode", "AG-INACTIVE"), "agentCode", "AGENT_INACTIVE"),
                invalid("agent suspended", r -> r.put("agentCode", "AG-SUSPENDED"), "agentCode", "AGENT_INACTIVE"),
                invalid("externalRef 65 chars", r -> r.put("externalRef", "x".repeat(65)), "externalRef",
                        "EXTERNAL_REF_INVALID"),
                invalid("externalRef a number", r -> r.put("externalRef", 17), "externalRef", "EXTERNAL_REF_INVALID"),
                invalid("address 201 chars", r -> r.put("address", "a".repeat(201)), "address", "ADDRESS_INVALID"),
                invalid("region one digit", r -> r.put("regionCode", "3"), "regionCode", "REGION_INVALID"),
                invalid("region letters", r -> r.put("regionCode", "32.AB"), "regionCode", "REGION_INVALID"),
                invalid("region 14 chars", r -> r.put("regionCode", "32.01.01.20010"), "regionCode", "REGION_INVALID"),
                invalid("unknown field", r -> r.put("partnerId", "OTHER"), "(unknown)", "UNKNOWN_FIELD"),
                invalid("unknown field status", r -> r.put("status", "ACTIVE"), "(unknown)", "UNKNOWN_FIELD"),
                invalid("a NIK as a field name", r -> r.put("3201019999990042", "x"), "(unknown)", "UNKNOWN_FIELD"));
    }

    @ParameterizedTest(name = "{0} → {2} {3}")
    @MethodSource("invalidRecords")
    void eachRuleHasItsCode(String name, Consumer<ObjectNode> change, String field, String code) {
        ObjectNode record = valid();
        change.accept(record);
        Result result = validate(record);
        assertFalse(result.isValid());
        assertTrue(result.errors().contains(new FieldError(field, code, messageOf(result, field, code))),
                () -> "expected " + field + " " + code + " in " + result.errors());
    }

    private static String messageOf(Result result, String field, String code) {
        return result.errors().stream().filter(e -> e.field().equals(field) && e.code().equals(code)).map(FieldError::message)
                .findFirst().orElse("");
    }

    static Stream<String> fields() {
        return RegistrationRecordValidator.FIELDS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void aControlCharacterInAnyFieldRejectsTheRecordNamingThatField(String field) {
        for (boolean csv : new boolean[] { false, true }) {
            ObjectNode r = valid();
            JsonNode value = r.get(field);
            r.put(field, (value.isArray() ? "JKK|JKM" : value.asText()) + "\u0000");
            Result result = VALIDATOR.validate(r, csv, TODAY, AGENTS::get);
            assertFalse(result.isValid(), field);
            assertTrue(result.errors().stream().anyMatch(e -> e.field().equals(field)),
                    () -> field + (csv ? " (CSV)" : " (JSON)") + ": " + result.errors());
        }
    }

    @Test
    void unknownFieldNamesAreNeverEchoedOnlyCounted() {
        ObjectNode r = valid();
        r.put("3201019999990042", "x");
        r.put("partnerId", "OTHER");
        Result result = validate(r);
        assertEquals(
                List.of(new FieldError("(unknown)", "UNKNOWN_FIELD", "2 fields that are not part of a registration record")),
                result.errors());
        assertFalse(result.errors().toString().contains("3201019999990042"));
    }

    @Test
    void boundariesOfAgeAndIncomeAreInclusiveWhereTheRulesSay() {
        ObjectNode fifteenToday = valid();
        fifteenToday.put("birthDate", "2011-11-21");
        fifteenToday.put("nik", "3201016111110001");
        assertTrue(validate(fifteenToday).isValid(), () -> validate(fifteenToday).errors().toString());
        ObjectNode sixtyFourTomorrow65 = valid();
        sixtyFourTomorrow65.put("birthDate", "1961-11-22");
        sixtyFourTomorrow65.put("nik", "3201016211610001");
        assertTrue(validate(sixtyFourTomorrow65).isValid());
        ObjectNode incomeBounds = valid();
        incomeBounds.put("monthlyIncome", 1_000_000);
        assertTrue(validate(incomeBounds).isValid());
        incomeBounds.put("monthlyIncome", 100_000_000);
        assertTrue(validate(incomeBounds).isValid());
    }

    @Test
    void allErrorsOfARecordAreCollectedInFieldOrder() {
        ObjectNode r = valid();
        r.put("nik", "1234");
        r.put("fullName", "1");
        r.put("gender", "Q");
        r.put("phone", "123");
        r.remove("occupation");
        r.put("monthlyIncome", 5);
        r.putArray("programs").add("JP");
        r.put("color", "red");
        Result result = validate(r);
        assertEquals(List.of("(unknown)", "nik", "fullName", "gender", "phone", "occupation", "monthlyIncome", "programs",
                "programs"), result.errors().stream().map(FieldError::field).toList());
        assertEquals(List.of("UNKNOWN_FIELD", "NIK_INVALID", "NAME_INVALID", "GENDER_INVALID", "PHONE_INVALID", "REQUIRED",
                "INCOME_OUT_OF_RANGE", "PROGRAM_NOT_AVAILABLE", "PROGRAM_REQUIRED"),
                result.errors().stream().map(FieldError::code).toList());
        assertEquals("row-17", result.externalRef());
    }

    @Test
    void csvValuesAreTextAndProgramsArePipeSeparated() throws Exception {
        ObjectNode r = (ObjectNode) JSON.readTree("""
                {"nik":"3201014101900001","fullName":"Siti Aminah","birthDate":"1990-01-01","gender":"F",
                 "phone":"6281234567890","occupation":"OJEK","monthlyIncome":"1500000","programs":"JKK|JKM|JHT","email":""}""");
        Result result = VALIDATOR.validate(r, true, TODAY, AGENTS::get);
        assertTrue(result.isValid(), () -> result.errors().toString());
        assertEquals(1_500_000, result.valid().monthlyIncome());
        assertTrue(result.valid().jht());
        assertNull(result.valid().email());
    }

    @Test
    void messagesNeverQuoteTheSubmittedValues() {
        ObjectNode r = valid();
        r.put("nik", "3201010101900001");
        r.put("phone", "0812999988887777");
        Result result = validate(r);
        for (FieldError e : result.errors()) {
            assertFalse(e.message().contains("3201010101900001") || e.message().contains("0812999988887777"), e.message());
        }
    }
}
