package id.perisai.api.common.identity;

/** Indonesian mobile numbers: {@code 08…}, {@code 628…} or {@code +628…}, 10–13 digits in national form. */
public final class Phones {

    private Phones() {
    }

    /** The E.164 form ({@code +628…}) of a valid number, or null. Spaces, dashes and dots are ignored. */
    public static String toE164(String input) {
        if (input == null || input.length() > 32) {
            return null;
        }
        String s = input.replace(" ", "").replace("-", "").replace(".", "");
        String national;
        if (s.startsWith("+62")) {
            national = "0" + s.substring(3);
        } else if (s.startsWith("62")) {
            national = "0" + s.substring(2);
        } else {
            national = s;
        }
        if (!national.startsWith("08") || national.length() < 10 || national.length() > 13) {
            return null;
        }
        for (int i = 0; i < national.length(); i++) {
            if (national.charAt(i) < '0' || national.charAt(i) > '9') {
                return null;
            }
        }
        return "+62" + national.substring(1);
    }
}
