package id.perisai.api.common.db;

import java.sql.SQLException;

import io.vertx.pgclient.PgException;

/** PostgreSQL error classification, whether the error comes from the Vert.x client or through Hibernate Reactive. */
public final class Db {

    static final String UNIQUE_VIOLATION = "23505";

    private Db() {
    }

    /** Whether the failure (or a cause) is a unique-key violation, optionally of the named constraint. */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return constraint == null || constraint.equals(pg.getConstraint());
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException hibernate
                    && UNIQUE_VIOLATION.equals(hibernate.getSQLState())) {
                return constraint == null || constraint.equals(hibernate.getConstraintName())
                        || String.valueOf(hibernate.getMessage()).contains("\"" + constraint + "\"");
            }
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return constraint == null || String.valueOf(sql.getMessage()).contains("\"" + constraint + "\"");
            }
        }
        return false;
    }
}
