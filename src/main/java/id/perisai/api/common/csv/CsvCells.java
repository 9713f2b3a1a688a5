package id.perisai.api.common.csv;

/**
 * How every CSV document the API writes (batch results, payouts) spells a cell: RFC 4180 with CRLF, safe to open in a
 * spreadsheet whichever separator it assumes.
 *
 * <ul>
 * <li>A cell is quoted (doubling its quotes) when it contains {@code ,} {@code ;} {@code "} TAB, CR or LF: our own CSV
 * upload accepts {@code ;} as separator, and spreadsheets in Indonesian and European locales split on it (or on TAB),
 * so an unquoted {@code x;=1+1;} would become a cell of its own starting with {@code =}.</li>
 * <li>A text cell starting with {@code =} {@code +} {@code -} {@code @} TAB or CR gets an apostrophe in front, so no
 * spreadsheet takes it for a formula (CSV injection). Numbers are written as they are.</li>
 * <li>A null or empty value is an empty cell.</li>
 * </ul>
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** Appends one cell. */
    public static void append(StringBuilder sb, Object value) {
        if (value == null || value.toString().isEmpty()) {
            return;
        }
        if (value instanceof Number) {
            sb.append(value);
            return;
        }
        String v = value.toString();
        if (startsLikeFormula(v)) {
            v = "'" + v;
        }
        if (needsQuotes(v)) {
            sb.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(v);
        }
    }

    /** Appends a row of cells, comma-separated, and CRLF. */
    public static void row(StringBuilder sb, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            append(sb, cells[i]);
        }
        sb.append("\r\n");
    }

    /** One cell as it is written. */
    public static String cell(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    static boolean startsLikeFormula(String v) {
        char first = v.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    static boolean needsQuotes(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ',' || c == ';' || c == '"' || c == '\t' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
