package id.perisai.api.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A JSON string of a request body holds a control character; Jackson adds the path of the field as it unwinds. */
public class ControlCharactersException extends JsonMappingException {

    private static final long serialVersionUID = 1L;

    ControlCharactersException(JsonParser parser) {
        // the message never quotes the value
        super(parser, "a string holds a control character");
    }
}
