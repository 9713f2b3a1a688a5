package id.perisai.api.common.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** The per-request correlation id: taken from a well-formed {@code X-Request-Id}, otherwise generated. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    private RequestIds() {
    }

    /** The caller's id when it is safe to echo and log, else a fresh UUID. */
    public static String accept(String incoming) {
        if (incoming != null && ACCEPTED.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }
}
