package id.perisai.api.registration.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.participant.rules.Coverage;
import id.perisai.api.registration.ingest.RegistrationChunk;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of registration batches: staging chunks, the set-based processing of a chunk, and results. The bulk hot path:
 * the reactive pool with {@code unnest} arrays and one statement per chunk, rather than the ORM.
 */
@ApplicationScoped
public class RegistrationBatchRepository {

    /** What one chunk produced. */
    public record ChunkCounts(int records, int accepted, int alreadyRegistered) {
    }

    /** A staged chunk claimed for processing. */
    public record StagedChunk(int number, byte[] data) {
    }

    /** A chunk of valid records (one compact value), and the outcomes settled while receiving (REJECTED, DUPLICATE). */
    static final String STAGE = """
            with chunk as (
                insert into registration_chunk (batch_id, chunk, first_idx, last_idx, records, data)
                select $1, $2, $3, $4, $5, $6 where $5 > 0
                returning records
            ), settled as (
                insert into registration_result (batch_id, idx, status, external_ref, errors)
                select $1, t.idx, t.status, t.ref, t.errors
                  from unnest($7::int4[], $8::text[], $9::text[], $10::text[]) as t(idx, status, ref, errors)
                returning 1
            )
            select coalesce((select records from chunk), 0) + (select count(*) from settled)
            """;

    /** The records of a chunk ($2 … $17), each NIK once (duplicates in the batch were settled while receiving). */
    static final String RECORDS = """
            records as (
                select * from unnest($2::int4[], $3::bytea[], $4::bytea[], $5::text[], $6::text[], $7::date[], $8::text[],
                                     $9::text[], $10::text[], $11::text[], $12::int8[], $13::bool[], $14::int8[],
                                     $15::text[], $16::text[], $17::text[])
                    as t(idx, nik_index, nik_cipher, nik_masked, full_name, birth_date, gender, phone, email, occupation,
                         monthly_income, jht, agent_id, external_ref, address, region_code)
            )""";

    /**
     * Writes the outcomes and drops the processed chunk, then counts. $18 the chunk. The batch row is not touched, so
     * chunks of one batch commit without waiting for each other (its totals follow; they are exact at completion).
     */
    static final String RESULTS = """
            results as (
                insert into registration_result (batch_id, idx, status, external_ref, participant_id, new_participant, errors)
                select $1, o.idx, case when o.code is null then 'ACCEPTED' else 'DUPLICATE' end, o.external_ref,
                       o.participant_id, case when o.code is null then o.is_new end,
                       case when o.code = 'ALREADY_REGISTERED'
                            then '[{"field":"nik","code":"ALREADY_REGISTERED","message":"the worker is already registered"}]'
                       end
                  from outcomes o
                returning 1
            ),
            processed as (
                delete from registration_chunk where batch_id = $1 and chunk = $18
                returning 1
            )
            select count(*) filter (where o.code is null) as accepted,
                   count(*) filter (where o.code = 'ALREADY_REGISTERED') as already_registered,
                   (select count(*) from results) as written, (select count(*) from processed) as counted
              from outcomes o
            """;

    /**
     * Registers a chunk: new NIKs become participants (ON CONFLICT DO NOTHING: of two racing registrations of one NIK,
     * exactly one inserts; inserted in blind-index order, so two batches sharing NIKs wait on each other in one order
     * and never deadlock), LAPSED ones (explicitly, or by unpaid months) are reactivated with a new coverage start (the
     * row lock makes a racing second update find it ACTIVE; looked up through the unique index with {@code = any},
     * never by scanning the registry), anything else is ALREADY_REGISTERED. $19 partner, $20
     * registered at, $21 registration month (the WIB month of submission, also the current month for the lapse rule).
     */
    static final String PROCESS = "with " + RECORDS + """
            ,
            inserted as (
                insert into participant (id, nik_index, nik_cipher, nik_masked, full_name, birth_date, gender, phone, email,
                                         occupation, monthly_income, jht, address, region_code, status, source,
                                         partner_id, registered_by_partner_id, agent_id, registered_at,
                                         registration_month, new_participant, source_batch_id, source_index)
                select uuid_v7(), r.nik_index, r.nik_cipher, r.nik_masked, r.full_name, r.birth_date, r.gender,
                       r.phone, r.email, r.occupation, r.monthly_income, r.jht, r.address, r.region_code, 'ACTIVE',
                       'PARTNER', $19, $19, r.agent_id, $20, $21, true, $1, r.idx
                  from records r
                 order by r.nik_index
                on conflict (nik_index) do nothing
                returning id, source_index
            ),
            reactivated as (
                update participant p
                   set status = 'ACTIVE', partner_id = $19, agent_id = r.agent_id, full_name = r.full_name,
                       birth_date = r.birth_date, gender = r.gender, phone = r.phone, email = r.email,
                       occupation = r.occupation, monthly_income = r.monthly_income, jht = r.jht, address = r.address,
                       region_code = r.region_code, registered_at = $20, registration_month = $21, covered_until = null,
                       new_participant = false, source_batch_id = $1, source_index = r.idx, updated_at = now(),
                       registered_by_partner_id = coalesce(p.registered_by_partner_id, $19)
                  from records r
                 where p.nik_index = r.nik_index and p.nik_index = any($3::bytea[])
                   and """ + Coverage.lapsedSql("p", "$21") + """
                returning p.id, p.source_index
            ),
            outcomes as (
                select r.idx, r.external_ref, coalesce(i.id, x.id) as participant_id,
                       case when i.id is null and x.id is null then 'ALREADY_REGISTERED' end as code,
                       i.id is not null as is_new
                  from records r
                  left join inserted i on i.source_index = r.idx
                  left join reactivated x on x.source_index = r.idx
            ),
            """ + RESULTS;

    /** A dry run of a chunk: the same decisions against the registry, storing only the outcomes. $19 current month. */
    static final String DRY_RUN = "with " + RECORDS + """
            ,
            registry as (
                select r.idx, case when p.status = 'VOID' then 'VOID'
                                   when """ + Coverage.lapsedSql("p", "$19") + """
                                   then 'LAPSED' else 'ACTIVE' end as status
                  from records r join participant p on p.nik_index = r.nik_index
                 where p.nik_index = any($3::bytea[])
            ),
            outcomes as (
                select r.idx, r.external_ref, null::uuid as participant_id,
                       case when g.status in ('ACTIVE', 'VOID') then 'ALREADY_REGISTERED' end as code,
                       g.status is null as is_new
                  from records r left join registry g on g.idx = r.idx
            ),
            """ + RESULTS;

    private final Pool pool;

    public RegistrationBatchRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Writes one chunk (number 0: no valid records) and the settled outcomes; returns the records written. */
    public Uni<Long> stage(SqlClient tx, UUID batchId, int number, RegistrationChunk.Writer chunk, Integer[] settledIdx,
            String[] settledStatus, String[] settledRefs, String[] settledErrors) {
        byte[] data = chunk.count() > 0 ? chunk.toBytes() : new byte[0];
        return tx.preparedQuery(STAGE).execute(Tuple.from(new Object[] { batchId, number, chunk.firstIndex(),
                chunk.lastIndex(), chunk.count(), Buffer.buffer(data), settledIdx, settledStatus, settledRefs,
                settledErrors })).map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Locks the next staged chunk nobody else is processing ({@code SKIP LOCKED}: several transactions, of this replica
     * or another, each take a different one); null when none is free.
     */
    public Uni<StagedChunk> claimChunk(SqlClient tx, UUID batchId) {
        return tx.preparedQuery("""
                select chunk, data from registration_chunk where batch_id = $1
                 order by chunk limit 1 for update skip locked
                """).execute(Tuple.of(batchId)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return null;
            }
            Row r = rows.iterator().next();
            return new StagedChunk(r.getInteger("chunk"), r.getBuffer("data").getBytes());
        });
    }

    /** Whether staged chunks remain (possibly being processed by another transaction). */
    public Uni<Boolean> anyChunkLeft(UUID batchId) {
        return pool.preparedQuery("select exists (select 1 from registration_chunk where batch_id = $1)")
                .execute(Tuple.of(batchId)).map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Decides and writes the outcomes of a claimed chunk and drops it: one statement. */
    public Uni<ChunkCounts> processChunk(SqlClient tx, UUID batchId, long partnerId, boolean dryRun, Instant submittedAt,
            LocalDate month, StagedChunk chunk) {
        RegistrationChunk.Columns c = RegistrationChunk.decode(chunk.data());
        Object[] params = new Object[dryRun ? 19 : 21];
        params[0] = batchId;
        Object[] columns = { c.idx, c.nikIndex, c.nikCipher, c.nikMasked, c.fullName, c.birthDate, c.gender, c.phone,
                c.email, c.occupation, c.monthlyIncome, c.jht, c.agentId, c.externalRef, c.address, c.regionCode };
        System.arraycopy(columns, 0, params, 1, columns.length);
        params[17] = chunk.number();
        if (dryRun) {
            params[18] = month;
        } else {
            params[18] = partnerId;
            params[19] = BatchRepository.utc(submittedAt);
            params[20] = month;
        }
        return tx.preparedQuery(dryRun ? DRY_RUN : PROCESS).execute(Tuple.from(params)).map(rows -> {
            Row r = rows.iterator().next();
            if (r.getLong("counted") != 1) {
                throw new IllegalStateException("registration chunk " + chunk.number() + " was processed twice");
            }
            return new ChunkCounts(r.getLong("written").intValue(), r.getLong("accepted").intValue(),
                    r.getLong("already_registered").intValue());
        });
    }

    /**
     * Gives up the records of the chunks still staged: each gets a REJECTED outcome with {@code PROCESSING_FAILED} (so
     * every record keeps exactly one outcome), the chunks are dropped; returns how many.
     */
    public Uni<Integer> failRemaining(SqlClient tx, UUID batchId) {
        return tx.preparedQuery("select chunk, data from registration_chunk where batch_id = $1 for update")
                .execute(Tuple.of(batchId)).flatMap(rows -> {
                    List<Integer> idx = new ArrayList<>();
                    List<String> refs = new ArrayList<>();
                    for (Row r : rows) {
                        RegistrationChunk.Columns c = RegistrationChunk.decode(r.getBuffer("data").getBytes());
                        idx.addAll(List.of(c.idx));
                        refs.addAll(java.util.Arrays.asList(c.externalRef));
                    }
                    return tx
                            .preparedQuery(
                                    """
                                            with failed as (
                                                insert into registration_result (batch_id, idx, status, external_ref, errors)
                                                select $1, t.idx, 'REJECTED', t.ref,
                                                       '[{"field":"","code":"PROCESSING_FAILED","message":"the record could not be processed; submit it again"}]'
                                                  from unnest($2::int4[], $3::text[]) as t(idx, ref)
                                                on conflict do nothing
                                                returning 1
                                            ), dropped as (
                                                delete from registration_chunk where batch_id = $1 returning 1
                                            )
                                            select (select count(*) from failed), (select count(*) from dropped)
                                            """)
                            .execute(Tuple.of(batchId, idx.toArray(new Integer[0]), refs.toArray(new String[0])))
                            .map(done -> done.iterator().next().getLong(0).intValue());
                });
    }
}
