package id.perisai.api.agent.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import id.perisai.api.common.identity.Emails;
import id.perisai.api.common.identity.Names;
import id.perisai.api.common.identity.Nik;
import id.perisai.api.common.identity.Phones;
import id.perisai.api.common.problem.FieldError;

/**
 * Who may become a Perisai agent (rules.md §5). Format problems of the application are one list (answered 400),
 * eligibility another (answered 422): an ACTIVE participant, a designated bank, an account in the agent's own name,
 * at least senior high school. Pure; the registry status is given.
 */
public final class AgentRules {

    public static final String NOT_PARTICIPANT = "AGENT_NOT_PARTICIPANT";
    public static final String BANK_NOT_DESIGNATED = "BANK_NOT_DESIGNATED";
    public static final String BANK_ACCOUNT_NOT_OWN = "BANK_ACCOUNT_NOT_OWN";
    public static final String EDUCATION_INSUFFICIENT = "EDUCATION_INSUFFICIENT";
    public static final String ALREADY_REGISTERED = "AGENT_ALREADY_REGISTERED";

    static final Pattern BANK_CODE = Pattern.compile("^[A-Z0-9_]{2,32}$");

    /** An application with every field in valid form, normalized. */
    public record Applicant(Nik nik, String fullName, String phone, String email, String bankCode,
            String bankAccountNumber, String bankAccountName, String education) {
    }

    /** The applicant when its form is valid, else the format errors. */
    public record Checked(Applicant applicant, List<FieldError> errors) {
    }

    /** The fields of an application, as received. */
    public record Application(String nik, String fullName, String phone, String email, String bankCode,
            String bankAccountNumber, String bankAccountName, String education) {
    }

    private final Set<String> designatedBanks;
    private final Set<String> eligibleEducation;
    private final Set<String> insufficientEducation;

    public AgentRules(List<String> designatedBanks, List<String> eligibleEducation, List<String> insufficientEducation) {
        this.designatedBanks = Set.copyOf(designatedBanks);
        this.eligibleEducation = Set.copyOf(eligibleEducation);
        this.insufficientEducation = Set.copyOf(insufficientEducation);
    }

    public Checked check(Application a) {
        List<FieldError> errors = new ArrayList<>();
        Nik nik = null;
        if (blank(a.nik())) {
            errors.add(required("nik"));
        } else {
            String code = Nik.check(a.nik());
            if (code == null) {
                nik = Nik.of(a.nik()).orElseThrow();
            } else {
                errors.add(new FieldError("nik", code, "must be a valid 16-digit NIK"));
            }
        }
        String fullName = Names.normalize(a.fullName());
        if (blank(a.fullName())) {
            errors.add(required("fullName"));
        } else if (!Names.isValid(fullName)) {
            errors.add(new FieldError("fullName", "NAME_INVALID",
                    "must have 2–100 characters: letters, spaces, dots, apostrophes and hyphens"));
        }
        String phone = null;
        if (blank(a.phone())) {
            errors.add(required("phone"));
        } else {
            phone = Phones.toE164(a.phone());
            if (phone == null) {
                errors.add(new FieldError("phone", "PHONE_INVALID", "must be an Indonesian mobile number"));
            }
        }
        String email = null;
        if (!blank(a.email())) {
            email = Emails.normalize(a.email());
            if (email == null) {
                errors.add(new FieldError("email", "EMAIL_INVALID", "must be a valid e-mail address"));
            }
        }
        errors.addAll(bankFormat(a.bankCode(), a.bankAccountNumber(), a.bankAccountName(), true));
        String education = a.education();
        if (blank(education)) {
            errors.add(required("education"));
        } else if (!eligibleEducation.contains(education) && !insufficientEducation.contains(education)) {
            errors.add(new FieldError("education", "INVALID_VALUE", "must be one of SD, SMP, SMA, SMK, D1–D4, S1–S3"));
        }
        if (!errors.isEmpty()) {
            return new Checked(null, List.copyOf(errors));
        }
        return new Checked(new Applicant(nik, fullName, phone, email, a.bankCode(), digits(a.bankAccountNumber()),
                Names.normalize(a.bankAccountName()), education), List.of());
    }

    /** Format of bank fields; with {@code required} each must be present, else only present ones are checked. */
    public List<FieldError> bankFormat(String bankCode, String accountNumber, String accountName, boolean required) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(bankCode)) {
            if (required) {
                errors.add(required("bankCode"));
            }
        } else if (!BANK_CODE.matcher(bankCode).matches()) {
            errors.add(new FieldError("bankCode", "INVALID_FORMAT", "must be a bank code such as BNI or CIMB_NIAGA"));
        }
        if (blank(accountNumber)) {
            if (required) {
                errors.add(required("bankAccountNumber"));
            }
        } else if (digits(accountNumber) == null) {
            errors.add(new FieldError("bankAccountNumber", "BANK_ACCOUNT_INVALID", "must be 6–20 digits"));
        }
        if (blank(accountName)) {
            if (required) {
                errors.add(required("bankAccountName"));
            }
        } else if (!Names.isValid(Names.normalize(accountName))) {
            errors.add(new FieldError("bankAccountName", "NAME_INVALID", "must be a person's name"));
        }
        return errors;
    }

    /** Eligibility of a well-formed applicant whose NIK has the given registry status (null: unknown). */
    public List<FieldError> eligibility(Applicant a, String participantStatus) {
        List<FieldError> errors = new ArrayList<>();
        if (!"ACTIVE".equals(participantStatus)) {
            errors.add(new FieldError("nik", NOT_PARTICIPANT,
                    "an agent must be an ACTIVE participant of BPJS Ketenagakerjaan"));
        }
        errors.addAll(bankEligibility(a.bankCode(), a.bankAccountName(), a.fullName()));
        if (insufficientEducation.contains(a.education())) {
            errors.add(
                    new FieldError("education", EDUCATION_INSUFFICIENT, "at least senior high school (SMA/SMK) is required"));
        }
        return errors;
    }

    /** A designated bank, and an account in the agent's own name (ignoring case and repeated spaces). */
    public List<FieldError> bankEligibility(String bankCode, String accountName, String agentFullName) {
        List<FieldError> errors = new ArrayList<>();
        if (!designatedBanks.contains(bankCode)) {
            errors.add(new FieldError("bankCode", BANK_NOT_DESIGNATED,
                    "must be one of the designated banks: " + String.join(", ", new java.util.TreeSet<>(designatedBanks))));
        }
        if (!Names.sameName(accountName, agentFullName)) {
            errors.add(new FieldError("bankAccountName", BANK_ACCOUNT_NOT_OWN, "the account must be in the agent's own name"));
        }
        return errors;
    }

    /** The account number's digits (spaces and dashes ignored), when there are 6–20 of them. */
    public static String digits(String accountNumber) {
        if (accountNumber == null) {
            return null;
        }
        String d = accountNumber.replace(" ", "").replace("-", "");
        return d.matches("^[0-9]{6,20}$") ? d : null;
    }

    /** {@code ******7890}. */
    public static String maskAccount(String digits) {
        return "*".repeat(Math.max(0, digits.length() - 4)) + digits.substring(Math.max(0, digits.length() - 4));
    }

    private static FieldError required(String field) {
        return new FieldError(field, "REQUIRED", "is required");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
