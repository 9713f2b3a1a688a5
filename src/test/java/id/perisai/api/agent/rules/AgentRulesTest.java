package id.perisai.api.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import id.perisai.api.agent.rules.AgentRules.Application;
import id.perisai.api.common.problem.FieldError;

/** rules.md §5, table-driven: format problems (400) and eligibility (422) with their codes. */
class AgentRulesTest {

    static final AgentRules RULES = new AgentRules(List.of("BNI", "CIMB_NIAGA"),
            List.of("SMA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2", "S3"), List.of("SD", "SMP"));

    static Application valid() {
        return new Application("3201014101900001", "Siti  Aminah", "081234567890", "siti@example.co.id", "BNI",
                "0123-456-789", "SITI AMINAH", "SMA");
    }

    static Application with(String field, String value) {
        Application a = valid();
        return new Application(field.equals("nik") ? value : a.nik(), field.equals("fullName") ? value : a.fullName(),
                field.equals("phone") ? value : a.phone(), field.equals("email") ? value : a.email(),
                field.equals("bankCode") ? value : a.bankCode(),
                field.equals("bankAccountNumber") ? value : a.bankAccountNumber(),
                field.equals("bankAccountName") ? value : a.bankAccountName(),
                field.equals("education") ? value : a.education());
    }

    @Test
    void validApplicationIsNormalized() {
        var checked = RULES.check(valid());
        assertTrue(checked.errors().isEmpty(), checked.errors().toString());
        assertEquals("Siti Aminah", checked.applicant().fullName());
        assertEquals("+6281234567890", checked.applicant().phone());
        assertEquals("0123456789", checked.applicant().bankAccountNumber());
        assertTrue(RULES.eligibility(checked.applicant(), "ACTIVE").isEmpty());
    }

    static Stream<Arguments> formatProblems() {
        return Stream.of(
                Arguments.of("nik", null, "REQUIRED"),
                Arguments.of("nik", "12345", "NIK_INVALID"),
                Arguments.of("nik", "1001014101900001", "NIK_REGION_INVALID"),
                Arguments.of("fullName", " ", "REQUIRED"),
                Arguments.of("fullName", "S1t1", "NAME_INVALID"),
                Arguments.of("phone", null, "REQUIRED"),
                Arguments.of("phone", "021555555", "PHONE_INVALID"),
                Arguments.of("email", "nope", "EMAIL_INVALID"),
                Arguments.of("bankCode", null, "REQUIRED"),
                Arguments.of("bankCode", "bni bank", "INVALID_FORMAT"),
                Arguments.of("bankAccountNumber", null, "REQUIRED"),
                Arguments.of("bankAccountNumber", "12345", "BANK_ACCOUNT_INVALID"),
                Arguments.of("bankAccountNumber", "12345abc", "BANK_ACCOUNT_INVALID"),
                Arguments.of("bankAccountName", null, "REQUIRED"),
                Arguments.of("education", null, "REQUIRED"),
                Arguments.of("education", "PHD", "INVALID_VALUE"));
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @MethodSource("formatProblems")
    void formatProblemsHaveTheirCodes(String field, String value, String code) {
        var checked = RULES.check(with(field, value));
        assertTrue(checked.errors().stream().anyMatch(e -> e.field().equals(field) && e.code().equals(code)),
                checked.errors().toString());
    }

    static Stream<Arguments> ineligible() {
        return Stream.of(
                Arguments.of("not a participant", (UnaryOperator<Application>) a -> a, null, "AGENT_NOT_PARTICIPANT"),
                Arguments.of("lapsed participant", (UnaryOperator<Application>) a -> a, "LAPSED", "AGENT_NOT_PARTICIPANT"),
                Arguments.of("void participant", (UnaryOperator<Application>) a -> a, "VOID", "AGENT_NOT_PARTICIPANT"),
                Arguments.of("bank BCA", (UnaryOperator<Application>) a -> with("bankCode", "BCA"), "ACTIVE",
                        "BANK_NOT_DESIGNATED"),
                Arguments.of("someone else's account",
                        (UnaryOperator<Application>) a -> with("bankAccountName", "Budi Santoso"),
                        "ACTIVE", "BANK_ACCOUNT_NOT_OWN"),
                Arguments.of("education SD", (UnaryOperator<Application>) a -> with("education", "SD"), "ACTIVE",
                        "EDUCATION_INSUFFICIENT"),
                Arguments.of("education SMP", (UnaryOperator<Application>) a -> with("education", "SMP"), "ACTIVE",
                        "EDUCATION_INSUFFICIENT"));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("ineligible")
    void eachEligibilityRuleHasItsCode(String name, UnaryOperator<Application> change, String status, String code) {
        var checked = RULES.check(change.apply(valid()));
        assertNotNull(checked.applicant(), checked.errors().toString());
        List<FieldError> reasons = RULES.eligibility(checked.applicant(), status);
        assertEquals(List.of(code), reasons.stream().map(FieldError::code).toList());
    }

    @Test
    void accountNameIgnoresCaseAndRepeatedSpaces() {
        var checked = RULES.check(with("bankAccountName", "  siti   AMINAH "));
        assertTrue(RULES.eligibility(checked.applicant(), "ACTIVE").isEmpty());
    }

    @Test
    void everyUnmetRuleIsListed() {
        Application a = new Application("3201014101900001", "Siti Aminah", "081234567890", null, "MANDIRI", "0123456789",
                "Budi", "SMP");
        var reasons = RULES.eligibility(RULES.check(a).applicant(), null);
        assertEquals(List.of("AGENT_NOT_PARTICIPANT", "BANK_NOT_DESIGNATED", "BANK_ACCOUNT_NOT_OWN", "EDUCATION_INSUFFICIENT"),
                reasons.stream().map(FieldError::code).toList());
    }
}
