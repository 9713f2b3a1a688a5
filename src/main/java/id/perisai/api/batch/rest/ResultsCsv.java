package id.perisai.api.batch.rest;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.RestMulti;

import id.perisai.api.common.csv.CsvCells;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Per-record results as CSV (RFC 4180, CRLF, cells as {@link CsvCells} writes them): errors as {@code field:CODE}
 * joined by {@code |}.
 */
public final class ResultsCsv {

    static final Pattern ERROR = Pattern.compile("\"field\":\"([^\"]*)\",\"code\":\"([A-Z_]+)\"");

    private ResultsCsv() {
    }

    /** The streamed CSV document as an HTTP response: UTF-8, offered as a download named {@code filename}. */
    public static RestMulti<String> response(Multi<String> lines, String filename) {
        return RestMulti.fromMultiData(lines)
                .header("Content-Type", "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }

    /** The errors of a result as {@code field:CODE|field:CODE}. */
    public static String codes(String errorsJson) {
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

    /** Appends one cell, quoted and defused as {@link CsvCells} says, or nothing for a null or empty value. */
    public static void cell(StringBuilder sb, Object value) {
        CsvCells.append(sb, value);
    }

    /**
     * A whole result set as CSV text, read page by page (keyset on the record index) while it is written out.
     *
     * @param page the results after a given index, in index order (empty at the end)
     * @param index a result's index
     * @param cells a result's cells, in the header's order
     */
    public static <R> Multi<String> stream(String header, IntFunction<Uni<List<R>>> page, ToIntFunction<R> index,
            Function<R, Object[]> cells) {
        Multi<String> rows = Multi.createBy().repeating()
                .uni(() -> new int[] { 0 }, last -> page.apply(last[0]).invoke(found -> {
                    if (!found.isEmpty()) {
                        last[0] = index.applyAsInt(found.get(found.size() - 1));
                    }
                }))
                .until(List::isEmpty)
                .map(found -> {
                    StringBuilder sb = new StringBuilder(found.size() * 80);
                    for (R r : found) {
                        row(sb, cells.apply(r));
                    }
                    return sb.toString();
                });
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(header + "\r\n"), rows);
    }

    /** Appends a row of cells and CRLF. */
    public static void row(StringBuilder sb, Object... cells) {
        CsvCells.row(sb, cells);
    }
}
