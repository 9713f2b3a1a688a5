package id.perisai.api.common.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CSV (RFC 4180), streamed: a header row of field names, then one record per row. The separator is {@code ,} or
 * {@code ;} (whichever the header uses); fields may be quoted, with doubled quotes inside and separators or line
 * breaks in them; lines end in CRLF or LF; a UTF-8 byte-order mark is skipped; invalid UTF-8 is refused. Empty
 * values are absent fields; blank lines are skipped. Values are trimmed.
 */
final class CsvRecordReader implements RecordReader {

    static final int MAX_FIELD_CHARS = 4096;
    static final int BYTE_ORDER_MARK = 0xFEFF;

    private final BufferedReader in;
    private final int maxFields;
    private List<String> header;
    private char separator;
    private long line = 1;
    private boolean finished;

    CsvRecordReader(InputStream body, int maxFields) {
        this.in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 65536);
        this.maxFields = maxFields;
    }

    @Override
    public ObjectNode next() throws IOException {
        if (finished) {
            return null;
        }
        try {
            if (header == null) {
                readHeader();
                if (finished) {
                    return null;
                }
            }
            while (true) {
                long startLine = line;
                List<String> row = readRow();
                if (row == null) {
                    finished = true;
                    return null;
                }
                if (row.size() == 1 && row.get(0).isEmpty()) {
                    continue;
                }
                if (row.size() != header.size()) {
                    throw new MalformedBodyException("CSV line " + startLine + " has " + row.size()
                            + " fields; the header has " + header.size());
                }
                ObjectNode record = JsonNodeFactory.instance.objectNode();
                for (int i = 0; i < row.size(); i++) {
                    String value = row.get(i).trim();
                    if (!value.isEmpty()) {
                        record.put(header.get(i), value);
                    }
                }
                return record;
            }
        } catch (CharacterCodingException e) {
            throw new MalformedBodyException("The body is not valid UTF-8 (near CSV line " + line + ")");
        }
    }

    private void readHeader() throws IOException {
        in.mark(1);
        int first = in.read();
        if (first != BYTE_ORDER_MARK && first >= 0) {
            in.reset();
        }
        String headerLine = peekHeaderLine();
        if (headerLine == null) {
            throw new MalformedBodyException("The CSV body is empty: a header row of field names is required");
        }
        separator = headerLine.indexOf(';') >= 0 && headerLine.indexOf(',') < 0 ? ';' : ',';
        List<String> names = readRow();
        Set<String> seen = new HashSet<>();
        header = new ArrayList<>();
        for (String name : names) {
            String n = name.trim();
            if (n.isEmpty()) {
                throw new MalformedBodyException("The CSV header has an empty column name");
            }
            if (!seen.add(n)) {
                throw new MalformedBodyException("The CSV header names a column twice");
            }
            header.add(n);
        }
        if (header.size() > maxFields) {
            throw new MalformedBodyException("The CSV header has more than " + maxFields + " columns");
        }
    }

    /** The first line, to choose the separator (the header has no quoted line breaks in practice). */
    private String peekHeaderLine() throws IOException {
        in.mark(64 * 1024);
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && c != '\r') {
            sb.append((char) c);
            if (sb.length() >= 64 * 1024 - 2) {
                throw new MalformedBodyException("The CSV header line is too long");
            }
        }
        in.reset();
        if (c < 0 && sb.length() == 0) {
            return null;
        }
        return sb.toString();
    }

    /** One row's fields, or null at the end of input. */
    private List<String> readRow() throws IOException {
        int c = in.read();
        if (c < 0) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean quotedField = false;
        long startLine = line;
        while (true) {
            if (c < 0) {
                if (quoted) {
                    throw new MalformedBodyException("CSV line " + startLine + ": a quoted field is never closed");
                }
                fields.add(field.toString());
                return fields;
            }
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next >= 0) {
                            in.reset();
                        }
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    append(field, ch, startLine);
                }
            } else if (ch == '"') {
                if (field.length() > 0 || quotedField) {
                    throw new MalformedBodyException("CSV line " + startLine + ": a quote inside an unquoted field");
                }
                quoted = true;
                quotedField = true;
            } else if (ch == separator) {
                fields.add(field.toString());
                field.setLength(0);
                quotedField = false;
                if (fields.size() > maxFields) {
                    throw new MalformedBodyException("CSV line " + startLine + " has more than " + maxFields + " fields");
                }
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r') {
                    in.mark(1);
                    int next = in.read();
                    if (next != '\n' && next >= 0) {
                        in.reset();
                    }
                }
                line++;
                fields.add(field.toString());
                return fields;
            } else {
                if (quotedField) {
                    throw new MalformedBodyException("CSV line " + startLine + ": text after a closing quote");
                }
                append(field, ch, startLine);
            }
            c = in.read();
        }
    }

    private static void append(StringBuilder field, char ch, long line) {
        if (field.length() >= MAX_FIELD_CHARS) {
            throw new MalformedBodyException(
                    "CSV line " + line + ": a field is longer than " + MAX_FIELD_CHARS + " characters");
        }
        field.append(ch);
    }

    @Override
    public boolean textual() {
        return true;
    }
}
