package id.perisai.api.common.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * The NIK (Nomor Induk Kependudukan), layout {@code PPKKCC DDMMYY SSSS}: province, regency/city, district, birth date
 * (day + 40 for women), serial. Pure rules of rules.md §1; the value is personal data and is never logged or put in a
 * message.
 */
public final class Nik {

    public static final String INVALID = "NIK_INVALID";
    public static final String REGION_INVALID = "NIK_REGION_INVALID";
    public static final String BIRTHDATE_MISMATCH = "NIK_BIRTHDATE_MISMATCH";
    public static final String GENDER_MISMATCH = "NIK_GENDER_MISMATCH";

    /** Province codes in use (rules.md §1). */
    static final Set<Integer> PROVINCES = Set.of(11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52,
            53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96);

    private final String digits;

    private Nik(String digits) {
        this.digits = digits;
    }

    /** The 16 digits after stripping spaces, dots and dashes, when that is what the input is. */
    public static Optional<String> canonical(String input) {
        if (input == null) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder(16);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '.' && c != '-') {
                return Optional.empty();
            }
            if (digits.length() > 16) {
                return Optional.empty();
            }
        }
        return digits.length() == 16 ? Optional.of(digits.toString()) : Optional.empty();
    }

    /**
     * Parses and checks format and region. Returns the error code, or null when the NIK is structurally valid; use
     * {@link #of(String)} to get the value.
     */
    public static String check(String input) {
        Optional<String> canonical = canonical(input);
        if (canonical.isEmpty()) {
            return INVALID;
        }
        String d = canonical.get();
        int province = num(d, 0);
        int regency = num(d, 2);
        int district = num(d, 4);
        if (!PROVINCES.contains(province) || regency < 1 || regency == 70 || district < 1) {
            return REGION_INVALID;
        }
        if (num(d, 12) * 100 + num(d, 14) == 0) {
            return INVALID;
        }
        int day = num(d, 6);
        int month = num(d, 8);
        int dayOfMonth = day > 40 ? day - 40 : day;
        if (dayOfMonth < 1 || dayOfMonth > 31 || month < 1 || month > 12) {
            return INVALID;
        }
        // the encoded day must exist in that month in some year of the century (29 Feb included)
        try {
            LocalDate.of(2000, month, dayOfMonth);
        } catch (DateTimeException e) {
            return INVALID;
        }
        return null;
    }

    /** A structurally valid NIK, or empty. */
    public static Optional<Nik> of(String input) {
        return check(input) == null ? Optional.of(new Nik(canonical(input).orElseThrow())) : Optional.empty();
    }

    /** The 16 digits; personal data. */
    public String digits() {
        return digits;
    }

    public boolean encodesFemale() {
        return num(digits, 6) > 40;
    }

    /** Whether the encoded day, month and two-digit year equal the declared birth date. */
    public boolean matchesBirthDate(LocalDate birthDate) {
        int day = num(digits, 6);
        int dayOfMonth = day > 40 ? day - 40 : day;
        return dayOfMonth == birthDate.getDayOfMonth() && num(digits, 8) == birthDate.getMonthValue()
                && num(digits, 10) == birthDate.getYear() % 100;
    }

    /** {@code 3201**********0001}: the first four and last four digits. */
    public String masked() {
        return mask(digits);
    }

    public static String mask(String digits) {
        return digits.substring(0, 4) + "**********" + digits.substring(12);
    }

    private static int num(String d, int at) {
        return (d.charAt(at) - '0') * 10 + (d.charAt(at + 1) - '0');
    }

    @Override
    public String toString() {
        return masked();
    }
}
