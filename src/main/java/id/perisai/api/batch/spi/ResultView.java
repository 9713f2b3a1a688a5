package id.perisai.api.batch.spi;

import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

/**
 * How a kind's per-record outcomes are read and shown. The engine reads the columns every result table has
 * ({@code idx}, {@code external_ref}, {@code status}, {@code errors}) and the kind's own {@link #columns()}, and writes
 * them as JSON (the kind's result record, which embeds the engine's common part) or as CSV ({@code index,externalRef,
 * status}, the kind's {@link #csvHeader()} cells, then {@code errors}).
 *
 * @param <R> the kind's result record, as partners receive it
 */
public interface ResultView<R extends KindResult> {

    /** The kind's own columns of its result table, in the order {@link #details} and {@link #csvCells} use them. */
    List<String> columns();

    /** The kind's result record from the common part and the row (which has {@link #columns()}). */
    R details(RecordResult common, Row row);

    /** CSV header names of the kind's own cells, e.g. {@code participantId, newParticipant}. */
    List<String> csvHeader();

    /** The kind's own cells of one result, in {@link #csvHeader()} order. */
    Object[] csvCells(R result);

    /** The file name offered for the CSV download, e.g. {@code registration-batch.csv}. */
    String csvFilename();
}
