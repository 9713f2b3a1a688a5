package id.perisai.api.common.ingest;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Newline-delimited JSON: one record object per line; blank lines are ignored. */
final class NdjsonRecordReader implements RecordReader {

    private final JsonParser parser;
    private final ObjectReader records;
    private boolean finished;

    NdjsonRecordReader(InputStream in, ObjectMapper mapper) {
        this.records = JsonStreams.recordReader(mapper);
        this.parser = JsonStreams.parser(in, mapper);
    }

    @Override
    public ObjectNode next() throws IOException {
        if (finished) {
            return null;
        }
        long line = 0;
        try {
            JsonToken token = parser.nextToken();
            line = parser.currentLocation().getLineNr();
            if (token == null) {
                finished = true;
                return null;
            }
            if (token != JsonToken.START_OBJECT) {
                throw new MalformedBodyException("Line " + line + " is not a JSON object");
            }
            return (ObjectNode) records.readTree(parser);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            throw new MalformedBodyException("Line " + at + " is not valid JSON");
        }
    }

    @Override
    public boolean textual() {
        return false;
    }
}
