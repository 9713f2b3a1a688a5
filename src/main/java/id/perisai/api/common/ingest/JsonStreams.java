package id.perisai.api.common.ingest;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/** What the JSON and NDJSON readers share: a streaming parser over the body and a reader of one record at a time. */
final class JsonStreams {

    private JsonStreams() {
    }

    static JsonParser parser(InputStream in, ObjectMapper mapper) {
        try {
            return mapper.getFactory().createParser(in);
        } catch (IOException e) {
            throw new MalformedBodyException("The body cannot be read");
        }
    }

    /** Reads one record from a longer stream: the rest of the stream is not trailing garbage. */
    static ObjectReader recordReader(ObjectMapper mapper) {
        return mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
