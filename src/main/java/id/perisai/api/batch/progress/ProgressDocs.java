package id.perisai.api.batch.progress;

/** What the live progress operations of every batch kind say in the OpenAPI document. */
public final class ProgressDocs {

    public static final String DESCRIPTION = """
            Server-Sent Events (`Accept: text/event-stream`): a `progress` event `{"status","totals","processed"}`
            whenever processing advances (at most every 500 ms), then a final `completed` or `failed` event with the
            final totals, and the stream ends. A batch that is already finished answers its final event at once. Each
            event's `id` is the number of records processed so far: reconnect with `Last-Event-ID` to skip what was
            seen. However many clients listen, the service reads each batch once per interval. Another partner's batch
            is a 404.""";

    public static final String STREAM = "Server-Sent Events: `event: progress|completed|failed`, `id:` records processed,"
            + " `data:` a BatchProgress JSON object";

    public static final String EXAMPLE = """
            event: progress
            id: 5000
            data: {"status":"PROCESSING","totals":{"received":12000,"accepted":4800,"duplicate":150,"rejected":50},"processed":5000}

            event: completed
            id: 12000
            data: {"status":"COMPLETED","totals":{"received":12000,"accepted":11500,"duplicate":300,"rejected":200},"processed":12000}
            """;

    private ProgressDocs() {
    }
}
