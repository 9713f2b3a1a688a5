package id.perisai.api.common.ingest;

import java.io.IOException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a batch's records one at a time from the body stream, never holding the whole body. Structural problems
 * (not JSON, not CSV, invalid UTF-8) are {@link MalformedBodyException}s; everything about a record's fields is left
 * to the record's validator.
 */
public interface RecordReader {

    /** The next record, or null at the end of the body. */
    ObjectNode next() throws IOException;

    /** Whether values are text only (CSV), so numbers and lists come as strings. */
    boolean textual();
}
