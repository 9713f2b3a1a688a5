package id.perisai.api.common.problem;

import java.util.IdentityHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;

import io.vertx.pgclient.PgException;

/**
 * Copies of exceptions that are safe to log: database and JSON errors can quote the data they failed on (names,
 * phones, request fragments), so their messages are reduced to codes; stack traces are kept.
 */
public final class SafeThrowables {

    private SafeThrowables() {
    }

    public static Throwable sanitize(Throwable t) {
        return copy(t, new IdentityHashMap<>());
    }

    public static String describe(Throwable t) {
        if (t instanceof PgException pg) {
            return "PgException[sqlState=" + pg.getSqlState() + ", constraint=" + pg.getConstraint() + "]";
        }
        if (t instanceof JacksonException) {
            return t.getClass().getName() + " (message withheld: may quote input)";
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + redactQuoted(message);
    }

    private static Throwable copy(Throwable t, Map<Throwable, Throwable> seen) {
        if (t == null) {
            return null;
        }
        Throwable done = seen.get(t);
        if (done != null) {
            return done;
        }
        Throwable safe = new LoggedFailure(describe(t));
        seen.put(t, safe);
        safe.setStackTrace(t.getStackTrace());
        Throwable cause = t.getCause() == t ? null : copy(t.getCause(), seen);
        if (cause != null) {
            safe.initCause(cause);
        }
        return safe;
    }

    /** Removes quoted fragments (values) from free-text messages, e.g. {@code Key (x)=(...)} details. */
    static String redactQuoted(String message) {
        return message.replaceAll("\\(([^()]*)\\)=\\(([^()]*)\\)", "($1)=(…)")
                .replaceAll("\"[^\"]{1,500}\"", "\"…\"")
                .replaceAll("'[^']{1,500}'", "'…'");
    }

    /** A logged stand-in for a failure, carrying only a safe description. */
    static final class LoggedFailure extends RuntimeException {
        LoggedFailure(String message) {
            super(message);
        }
    }
}
