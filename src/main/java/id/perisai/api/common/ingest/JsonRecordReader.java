package id.perisai.api.common.ingest;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code {"records": [{...}, ...]}}, streamed: one record tree in memory at a time. */
final class JsonRecordReader implements RecordReader {

    private final JsonParser parser;
    private final ObjectReader records;
    private boolean started;
    private boolean finished;
    private int count;

    JsonRecordReader(InputStream in, ObjectMapper mapper) {
        this.records = JsonStreams.recordReader(mapper);
        this.parser = JsonStreams.parser(in, mapper);
    }

    @Override
    public ObjectNode next() throws IOException {
        if (finished) {
            return null;
        }
        try {
            if (!started) {
                start();
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                end();
                return null;
            }
            count++;
            if (token != JsonToken.START_OBJECT) {
                throw new MalformedBodyException("records[" + (count - 1) + "] is not a JSON object");
            }
            return (ObjectNode) records.readTree(parser);
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("The body is not valid JSON (near record " + Math.max(count, 1) + ")");
        }
    }

    private void start() throws IOException {
        started = true;
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedBodyException("The body must be a JSON object {\"records\": [...]}");
        }
        JsonToken token = parser.nextToken();
        if (token != JsonToken.FIELD_NAME || !"records".equals(parser.currentName())) {
            throw new MalformedBodyException("The body must be a JSON object with only the field \"records\"");
        }
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw new MalformedBodyException("\"records\" must be an array");
        }
    }

    private void end() throws IOException {
        finished = true;
        if (parser.nextToken() != JsonToken.END_OBJECT) {
            throw new MalformedBodyException("The body must be a JSON object with only the field \"records\"");
        }
        if (parser.nextToken() != null) {
            throw new MalformedBodyException("Unexpected content after the JSON object");
        }
    }

    @Override
    public boolean textual() {
        return false;
    }
}
