package id.perisai.api.common.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;

import id.perisai.api.common.text.ControlCharacters;

/**
 * Every string of every request body read into a DTO (fields, list elements) goes through here: one that holds a
 * control character is refused ({@link ControlCharactersException}, a 400 naming the field), whatever the endpoint.
 * Batch records are read as trees and checked by their record validators instead.
 */
final class ControlFreeStrings extends StdScalarDeserializer<String> {

    private static final long serialVersionUID = 1L;

    ControlFreeStrings() {
        super(String.class);
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public boolean isCachable() {
        return true;
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (ControlCharacters.in(value)) {
            throw new ControlCharactersException(parser);
        }
        return value;
    }
}
