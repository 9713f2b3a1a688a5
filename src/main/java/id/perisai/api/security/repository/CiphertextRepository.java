package id.perisai.api.security.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The columns that hold personal data encrypted by {@code PiiCrypto}, for re-encryption under a new key. The first byte
 * of a ciphertext is the version of its key, so what is left to re-encrypt is found without decrypting anything.
 */
@ApplicationScoped
public class CiphertextRepository {

    /** A table's encrypted column, and its primary key column and that column's type. */
    public record Column(String table, String id, String idType, String cipher) {
    }

    public static final List<Column> COLUMNS = List.of(new Column("participant", "id", "uuid", "nik_cipher"),
            new Column("agent", "id", "bigint", "nik_cipher"), new Column("agent", "id", "bigint", "bank_account_cipher"),
            new Column("partner", "id", "bigint", "payout_account_cipher"),
            new Column("webhook_endpoint", "id", "uuid", "secret_cipher"),
            new Column("webhook_endpoint", "id", "uuid", "previous_secret_cipher"));

    private final Pool pool;

    public CiphertextRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Re-encrypts up to {@code limit} values of the column not yet under the current key version, in one transaction;
     * rows another replica is re-encrypting are skipped. Returns how many were re-encrypted.
     */
    public Uni<Integer> reencrypt(Column c, int currentVersion, int limit, UnaryOperator<byte[]> reencrypt) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                select %2$s::text as id, %3$s as cipher from %1$s
                 where %3$s is not null and get_byte(%3$s, 0) <> $1
                 limit $2 for update skip locked""".formatted(c.table(), c.id(), c.cipher()))
                .execute(Tuple.of(currentVersion, limit)).flatMap(rows -> {
                    List<String> ids = new ArrayList<>();
                    List<io.vertx.core.buffer.Buffer> ciphers = new ArrayList<>();
                    for (Row r : rows) {
                        ids.add(r.getString("id"));
                        ciphers.add(io.vertx.core.buffer.Buffer.buffer(reencrypt.apply(r.getBuffer("cipher").getBytes())));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return tx.preparedQuery("""
                            update %1$s t set %3$s = v.cipher
                              from unnest($1::text[]::%4$s[], $2::bytea[]) as v(id, cipher)
                             where t.%2$s = v.id""".formatted(c.table(), c.id(), c.cipher(), c.idType()))
                            .execute(Tuple.of(ids.toArray(String[]::new), ciphers.toArray(io.vertx.core.buffer.Buffer[]::new)))
                            .map(updated -> updated.rowCount());
                }));
    }

    /** Values of every encrypted column still under an earlier key. */
    public Uni<Long> remaining(int currentVersion) {
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < COLUMNS.size(); i++) {
            Column c = COLUMNS.get(i);
            sql.append(i == 0 ? "" : " + ").append("(select count(*) from ").append(c.table()).append(" where ")
                    .append(c.cipher()).append(" is not null and get_byte(").append(c.cipher()).append(", 0) <> $1)");
        }
        return pool.preparedQuery(sql.toString()).execute(Tuple.of(currentVersion))
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
