package id.perisai.api.common.ingest;

import java.io.InputStream;
import java.util.Locale;

import jakarta.ws.rs.NotSupportedException;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The formats a batch can be submitted in, chosen by Content-Type. */
public enum RecordFormat {
    JSON("application/json"),
    NDJSON("application/x-ndjson"),
    CSV("text/csv");

    public static final String NDJSON_TYPE = "application/x-ndjson";
    public static final String NDJSON_ALIAS = "application/ndjson";

    private final String mediaType;

    RecordFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format of a Content-Type; only UTF-8 (the default) is accepted as charset. 415 otherwise. */
    public static RecordFormat of(String contentType) {
        if (contentType == null) {
            throw new NotSupportedException("A Content-Type is required");
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].trim().split("=", 2);
            if (param[0].trim().equals("charset") && param.length == 2
                    && !param[1].trim().replace("\"", "").equals("utf-8")) {
                throw new NotSupportedException("Only UTF-8 bodies are accepted");
            }
        }
        return switch (parts[0].trim()) {
            case "application/json" -> JSON;
            case NDJSON_TYPE, NDJSON_ALIAS -> NDJSON;
            case "text/csv" -> CSV;
            default -> throw new NotSupportedException("Unsupported Content-Type");
        };
    }

    /** A reader of this format's records over the body. */
    public RecordReader reader(InputStream body, ObjectMapper mapper, int maxFields) {
        return switch (this) {
            case JSON -> new JsonRecordReader(body, mapper);
            case NDJSON -> new NdjsonRecordReader(body, mapper);
            case CSV -> new CsvRecordReader(body, maxFields);
        };
    }
}
