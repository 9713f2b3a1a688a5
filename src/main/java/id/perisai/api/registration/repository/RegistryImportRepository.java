package id.perisai.api.registration.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The admin import of participants registered through other channels: an upsert by NIK blind index, one statement per
 * chunk, inside the import's single transaction. A temporary table remembers the NIKs already seen in this import, so
 * a NIK repeated anywhere in the upload is reported as a duplicate rather than applied twice.
 */
@ApplicationScoped
public class RegistryImportRepository {

    /** The outcome of one imported record: CREATED, UPDATED, DUPLICATE (earlier in this import) or VOID. */
    public record Outcome(int index, String outcome, Integer firstIndex) {
    }

    private final Pool pool;

    public RegistryImportRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<SqlConnection> connection() {
        return pool.getConnection();
    }

    public Uni<Void> begin(SqlClient tx) {
        return tx.query("create temp table import_seen (nik_index bytea primary key, idx int not null) on commit drop")
                .execute().replaceWithVoid();
    }

    /**
     * @param coverageMonth where coverage tracking starts for new participants: the WIB month of the import (their
     *        payments through other channels are not known here)
     */
    public Uni<List<Outcome>> upsert(SqlClient tx, List<Integer> idx, List<byte[]> nikIndex, List<byte[]> nikCipher,
            List<String> nikMasked, List<String> status, List<LocalDate> registeredOn, LocalDate coverageMonth) {
        Buffer[] index = nikIndex.stream().map(Buffer::buffer).toArray(Buffer[]::new);
        Buffer[] cipher = nikCipher.stream().map(Buffer::buffer).toArray(Buffer[]::new);
        return tx.preparedQuery("""
                with input as (
                    select * from unnest($1::int4[], $2::bytea[], $3::bytea[], $4::text[], $5::text[], $6::date[])
                        as t(idx, nik_index, nik_cipher, nik_masked, status, registered_on)
                ),
                fresh as (
                    insert into pg_temp.import_seen (nik_index, idx)
                    select nik_index, idx from input order by idx
                    on conflict do nothing
                    returning nik_index, idx
                ),
                upserted as (
                    insert into participant (id, nik_index, nik_cipher, nik_masked, status, source, registered_at,
                                             registration_month)
                    select uuid_v7(), i.nik_index, i.nik_cipher, i.nik_masked, i.status, 'REGISTRY',
                           i.registered_on::timestamp at time zone 'Asia/Jakarta', $7
                      from input i join fresh f on f.idx = i.idx
                    on conflict (nik_index) do update set status = excluded.status, updated_at = now()
                       where participant.status <> 'VOID'
                    returning nik_index, (xmax = 0) as created
                )
                select i.idx,
                       case when f.idx is null then 'DUPLICATE'
                            when u.nik_index is null then 'VOID'
                            when u.created then 'CREATED' else 'UPDATED' end as outcome,
                       coalesce((select s.idx from pg_temp.import_seen s where s.nik_index = i.nik_index),
                                (select min(f2.idx) from fresh f2 where f2.nik_index = i.nik_index)) as first_idx
                  from input i
                  left join fresh f on f.idx = i.idx
                  left join upserted u on u.nik_index = i.nik_index and f.idx is not null
                 order by i.idx
                """).execute(Tuple.from(new Object[] { idx.toArray(new Integer[0]), index, cipher,
                nikMasked.toArray(new String[0]), status.toArray(new String[0]), registeredOn.toArray(new LocalDate[0]),
                coverageMonth }))
                .map(rows -> {
                    List<Outcome> outcomes = new ArrayList<>();
                    rows.forEach(r -> outcomes.add(new Outcome(r.getInteger(0), r.getString(1), r.getInteger(2))));
                    return outcomes;
                });
    }
}
