package id.perisai.api.partner.dto;

/** The format of partner codes. */
public final class PartnerCodes {

    public static final String PATTERN = "^[A-Z0-9][A-Z0-9-]{2,31}$";
    private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

    private PartnerCodes() {
    }

    public static boolean isValid(String code) {
        return code != null && COMPILED.matcher(code).matches();
    }
}
