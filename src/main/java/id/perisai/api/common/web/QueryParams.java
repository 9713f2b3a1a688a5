package id.perisai.api.common.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import id.perisai.api.common.problem.InvalidInputException;

/** Query parameters read by hand, so a bad value is a 400 naming the parameter (JAX-RS conversion would give 404). */
public final class QueryParams {

    private QueryParams() {
    }

    /** The constant named by {@code value}, null when absent; 400 when it names none. */
    public static <E extends Enum<E>> E enumValue(String value, Class<E> type, String parameter) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(parameter, "INVALID_VALUE", "must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
