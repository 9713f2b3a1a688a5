package id.perisai.api.registration.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import id.perisai.api.registration.repository.RegistrationBatchRepository.ResultRow;

/**
 * Per-record results as CSV (RFC 4180, CRLF): {@code index,externalRef,status,participantId,newParticipant,errors},
 * errors as {@code field:CODE} joined by {@code |}. A cell a spreadsheet would take for a formula (=, +, -, @) is
 * prefixed with an apostrophe.
 */
final class ResultsCsv {

    static final String HEADER = "index,externalRef,status,participantId,newParticipant,errors\r\n";
    static final Pattern ERROR = Pattern.compile("\"field\":\"([^\"]*)\",\"code\":\"([A-Z_]+)\"");

    private ResultsCsv() {
    }

    static void append(StringBuilder sb, ResultRow r) {
        sb.append(r.index()).append(',');
        cell(sb, r.externalRef());
        sb.append(',').append(r.status()).append(',');
        if (r.participantId() != null) {
            sb.append(r.participantId());
        }
        sb.append(',');
        if (r.newParticipant() != null) {
            sb.append(r.newParticipant());
        }
        sb.append(',');
        cell(sb, codes(r.errorsJson()));
        sb.append("\r\n");
    }

    static String codes(String errorsJson) {
        if (errorsJson == null) {
            return null;
        }
        StringBuilder codes = new StringBuilder();
        Matcher m = ERROR.matcher(errorsJson);
        while (m.find()) {
            if (codes.length() > 0) {
                codes.append('|');
            }
            codes.append(m.group(1)).append(':').append(m.group(2));
        }
        return codes.toString();
    }

    static void cell(StringBuilder sb, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            sb.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(v);
        }
    }
}
