package id.perisai.api.common.db;

import java.sql.SQLException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;

/** PostgreSQL error classification, whether the error comes from the Vert.x client or through Hibernate Reactive. */
public final class Db {

    static final String UNIQUE_VIOLATION = "23505";

    /**
     * A condition that is always true and, evaluated inside a single auto-committed statement, makes that statement's
     * commit not wait for the WAL to reach the disk ({@code synchronous_commit = off} for this transaction only). For
     * bookkeeping whose loss in a PostgreSQL crash is harmless — a request counter, an Idempotency-Key claim that
     * the accepting transaction confirms anyway — on every request: it saves a disk flush per request. Durability of
     * everything else is unaffected, and any later ordinary commit flushes it too (the WAL is written in order).
     */
    public static final String COMMIT_WITHOUT_WAITING_FOR_DISK = "set_config('synchronous_commit', 'off', true) is not null";

    private Db() {
    }

    /**
     * The same for a transaction of several statements: its commit does not wait for the WAL flush (see
     * {@link #COMMIT_WITHOUT_WAITING_FOR_DISK} for when that is safe).
     */
    public static Uni<Void> commitWithoutWaitingForDisk(SqlClient tx) {
        return tx.query("set local synchronous_commit to off").execute().replaceWithVoid();
    }

    /** Whether PostgreSQL gave up the transaction to break a deadlock or a serialisation conflict (worth retrying). */
    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
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
