package id.perisai.api.registration.rules;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.identity.Emails;
import id.perisai.api.common.identity.Names;
import id.perisai.api.common.identity.Nik;
import id.perisai.api.common.identity.Phones;
import id.perisai.api.common.ingest.RecordFields;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.text.ControlCharacters;
import id.perisai.api.participant.rules.Occupation;

/**
 * Validates one registration record against rules.md §1–3 and collects <em>all</em> its errors. Pure: the agent
 * lookup and the submission day are given. Messages never quote the submitted values (they are personal data).
 */
public final class RegistrationRecordValidator {

    /** The accepted fields, in the order errors are reported. */
    public static final List<String> FIELDS = List.of("nik", "fullName", "birthDate", "gender", "phone", "email",
            "occupation", "monthlyIncome", "programs", "agentCode", "externalRef", "address", "regionCode");

    static final Pattern REGION = Pattern.compile("^[0-9][0-9.]{1,12}$");
    static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    /** An agent of the submitting partner. */
    public record AgentRef(long id, String status) {
    }

    /** Finds an agent of the submitting partner by code; null when it has none with that code. */
    @FunctionalInterface
    public interface AgentLookup {
        AgentRef find(String agentCode);
    }

    /** A record that passed every rule, normalized. */
    public record ValidRegistration(Nik nik, String fullName, LocalDate birthDate, String gender, String phone,
            String email, Occupation occupation, long monthlyIncome, boolean jht, Long agentId, String externalRef,
            String address, String regionCode) {
    }

    /** The outcome of validation: either valid, or the list of errors; {@code externalRef} is echoed either way. */
    public record Result(ValidRegistration valid, List<FieldError> errors, String externalRef) {
        public boolean isValid() {
            return valid != null;
        }
    }

    private final RegistrationRules rules;

    public RegistrationRecordValidator(RegistrationRules rules) {
        this.rules = rules;
    }

    /**
     * @param input the fields of the record
     * @param textual true for CSV, where every value is text: numbers and program lists are read from strings
     * @param today the submission day in WIB
     * @param agents the submitting partner's agents
     */
    public Result validate(ObjectNode submitted, boolean textual, LocalDate today, AgentLookup agents) {
        ObjectNode input = RecordFields.withoutControlCharacters(submitted);
        List<FieldError> errors = new ArrayList<>();
        RecordFields.refuseUnknown(input, FIELDS, "registration", errors);

        String externalRef = null;
        Value ref = value(input, "externalRef");
        if (ref.present()) {
            if (ref.text() == null || ref.text().length() > 64 || hasControl(ref.text())) {
                errors.add(error("externalRef", "EXTERNAL_REF_INVALID", "must be text of at most 64 characters"));
            } else {
                externalRef = ref.text();
            }
        }

        // nik
        Nik nik = null;
        Value nikValue = required(input, "nik", errors);
        String nikCode = null;
        if (nikValue.present()) {
            nikCode = nikValue.text() == null ? Nik.INVALID : Nik.check(nikValue.text());
            if (nikCode == null) {
                nik = Nik.of(nikValue.text()).orElseThrow();
            } else {
                errors.add(error("nik", nikCode, nikCode.equals(Nik.REGION_INVALID)
                        ? "the province, regency/city or district code does not exist"
                        : "must be 16 digits encoding a real date of birth and a serial from 0001"));
            }
        }

        // fullName
        String fullName = null;
        Value name = required(input, "fullName", errors);
        if (name.present()) {
            String normalized = Names.normalize(name.text());
            if (name.text() == null || !Names.isValid(normalized)) {
                errors.add(error("fullName", "NAME_INVALID",
                        "must have 2–100 characters: letters, spaces, dots, apostrophes and hyphens"));
            } else {
                fullName = normalized;
            }
        }

        // birthDate
        LocalDate birthDate = null;
        Value birth = required(input, "birthDate", errors);
        if (birth.present()) {
            birthDate = date(birth.text());
            if (birthDate == null || birthDate.isAfter(today)) {
                errors.add(error("birthDate", "BIRTHDATE_INVALID", "must be a past date written YYYY-MM-DD"));
                birthDate = null;
            } else {
                int age = Period.between(birthDate, today).getYears();
                if (age < rules.minAge() || age >= rules.maxAgeExclusive()) {
                    errors.add(error("birthDate", "AGE_NOT_ELIGIBLE", "the worker must be at least " + rules.minAge()
                            + " and under " + rules.maxAgeExclusive() + " years old on the submission day"));
                }
            }
        }

        // gender
        String gender = null;
        Value genderValue = required(input, "gender", errors);
        if (genderValue.present()) {
            if ("M".equals(genderValue.text()) || "F".equals(genderValue.text())) {
                gender = genderValue.text();
            } else {
                errors.add(error("gender", "GENDER_INVALID", "must be M or F"));
            }
        }

        if (nik != null && birthDate != null && !nik.matchesBirthDate(birthDate)) {
            errors.add(error("nik", Nik.BIRTHDATE_MISMATCH, "the birth date encoded in the NIK differs from birthDate"));
        }
        if (nik != null && gender != null && nik.encodesFemale() != "F".equals(gender)) {
            errors.add(error("nik", Nik.GENDER_MISMATCH, "the NIK encodes the other gender (day + 40 for women)"));
        }

        // phone
        String phone = null;
        Value phoneValue = required(input, "phone", errors);
        if (phoneValue.present()) {
            phone = Phones.toE164(phoneValue.text());
            if (phone == null) {
                errors.add(error("phone", "PHONE_INVALID",
                        "must be an Indonesian mobile number: 08…, 628… or +628…, 10–13 digits in national form"));
            }
        }

        // email
        String email = null;
        Value emailValue = value(input, "email");
        if (emailValue.present()) {
            email = Emails.normalize(emailValue.text());
            if (email == null) {
                errors.add(error("email", "EMAIL_INVALID", "must be a valid e-mail address"));
            }
        }

        // occupation
        Occupation occupation = null;
        Value occupationValue = required(input, "occupation", errors);
        if (occupationValue.present()) {
            occupation = Occupation.ofCode(occupationValue.text());
            if (occupation == null) {
                errors.add(error("occupation", "OCCUPATION_INVALID", "must be one of the BPU occupation codes"));
            }
        }

        // monthlyIncome
        long income = 0;
        Value incomeValue = required(input, "monthlyIncome", errors);
        if (incomeValue.present()) {
            BigInteger amount = RecordFields.integer(incomeValue.node(), textual);
            if (amount == null || amount.compareTo(BigInteger.valueOf(rules.minMonthlyIncome())) < 0
                    || amount.compareTo(BigInteger.valueOf(rules.maxMonthlyIncome())) > 0) {
                errors.add(error("monthlyIncome", "INCOME_OUT_OF_RANGE", "must be a whole number of rupiah from "
                        + rules.minMonthlyIncome() + " to " + rules.maxMonthlyIncome()));
            } else {
                income = amount.longValueExact();
            }
        }

        // programs
        boolean jht = false;
        boolean programsValid = false;
        Value programsValue = required(input, "programs", errors);
        if (programsValue.present()) {
            List<String> programs = programs(programsValue.node(), textual);
            if (programs == null) {
                errors.add(error("programs", "PROGRAM_INVALID", "must be a list of JKK, JKM and optionally JHT"));
            } else {
                Set<String> codes = new LinkedHashSet<>();
                boolean unavailable = false;
                boolean invalid = false;
                for (String p : programs) {
                    switch (p) {
                        case "JKK", "JKM", "JHT" -> codes.add(p);
                        case "JP", "JKP" -> unavailable = true;
                        default -> invalid = true;
                    }
                }
                if (invalid) {
                    errors.add(error("programs", "PROGRAM_INVALID", "only JKK, JKM and JHT exist for BPU"));
                }
                if (unavailable) {
                    errors.add(error("programs", "PROGRAM_NOT_AVAILABLE", "JP and JKP are not available to BPU workers"));
                }
                if (!codes.contains("JKK") || !codes.contains("JKM")) {
                    errors.add(error("programs", "PROGRAM_REQUIRED", "JKK and JKM are mandatory"));
                }
                programsValid = !invalid && !unavailable && codes.contains("JKK") && codes.contains("JKM");
                jht = codes.contains("JHT");
            }
        }

        // agentCode
        Long agentId = null;
        Value agentValue = value(input, "agentCode");
        if (agentValue.present()) {
            AgentRef agent = agentValue.text() == null || agentValue.text().length() > 32 ? null
                    : agents.find(agentValue.text());
            if (agent == null) {
                errors.add(error("agentCode", "AGENT_NOT_FOUND", "is not an agent of this partner"));
            } else if (!"ACTIVE".equals(agent.status())) {
                errors.add(error("agentCode", "AGENT_INACTIVE", "the agent is not ACTIVE"));
            } else {
                agentId = agent.id();
            }
        }

        // address, regionCode
        String address = null;
        Value addressValue = value(input, "address");
        if (addressValue.present()) {
            // line breaks (a multi-line address in a quoted CSV field) and repeated spaces become one space
            String a = addressValue.text() == null ? null : addressValue.text().trim().replaceAll("\\s+", " ");
            if (a == null || a.length() > 200 || hasControl(a)) {
                errors.add(error("address", "ADDRESS_INVALID", "must be text of at most 200 characters"));
            } else {
                address = a;
            }
        }
        String regionCode = null;
        Value regionValue = value(input, "regionCode");
        if (regionValue.present()) {
            if (regionValue.text() == null || !REGION.matcher(regionValue.text()).matches()) {
                errors.add(error("regionCode", "REGION_INVALID", "must be 2–13 digits and dots"));
            } else {
                regionCode = regionValue.text();
            }
        }

        if (!errors.isEmpty() || !programsValid) {
            errors.sort((a, b) -> Integer.compare(order(a.field()), order(b.field())));
            return new Result(null, List.copyOf(errors), externalRef);
        }
        return new Result(new ValidRegistration(nik, fullName, birthDate, gender, phone, email, occupation, income, jht,
                agentId, externalRef, address, regionCode), List.of(), externalRef);
    }

    private static int order(String field) {
        int i = FIELDS.indexOf(field);
        return i < 0 ? -1 : i;
    }

    static FieldError error(String field, String code, String message) {
        return new FieldError(field, code, message);
    }

    /** A field's value: absent (missing, null or empty text), or present as text (null text = not a string). */
    record Value(JsonNode node, boolean present, String text) {
    }

    static Value value(ObjectNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.textValue().isEmpty())) {
            return new Value(node, false, null);
        }
        return new Value(node, true, node.isTextual() ? node.textValue() : null);
    }

    private static Value required(ObjectNode input, String field, List<FieldError> errors) {
        Value v = value(input, field);
        if (!v.present()) {
            errors.add(error(field, "REQUIRED", "is required"));
        }
        return v;
    }

    static LocalDate date(String text) {
        if (text == null || !DATE.matcher(text).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static List<String> programs(JsonNode node, boolean textual) {
        List<String> programs = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return null;
                }
                programs.add(element.textValue().trim());
            }
            return programs;
        }
        if (textual && node.isTextual()) {
            for (String p : node.textValue().split("\\|", -1)) {
                programs.add(p.trim());
            }
            return programs;
        }
        return null;
    }

    private static boolean hasControl(String s) {
        return ControlCharacters.in(s);
    }
}
