package id.perisai.api.registration.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.batch.BatchRepository;
import id.perisai.api.registration.ingest.StagingChunk;
import id.perisai.api.registration.rules.Coverage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of registration batches: staging, the set-based processing of a chunk, and results. The bulk hot path: the
 * reactive pool with {@code unnest} arrays and one statement per chunk, rather than the ORM.
 */
@ApplicationScoped
public class RegistrationBatchRepository {

    /** What one chunk produced. */
    public record ChunkCounts(int records, int accepted, int duplicateInBatch, int alreadyRegistered, int lastIndex) {
    }

    /** One record's outcome. */
    public record ResultRow(int index, String externalRef, String status, UUID participantId, Boolean newParticipant,
            String errorsJson) {
    }

    static final String STAGE = """
            with valid as (
                insert into registration_input (batch_id, idx, nik_index, nik_cipher, nik_masked, full_name, birth_date,
                                                gender, phone, email, occupation, monthly_income, jht, agent_id,
                                                external_ref, address, region_code)
                select $1, t.* from unnest($2::int4[], $3::bytea[], $4::bytea[], $5::text[], $6::text[], $7::date[],
                                          $8::text[], $9::text[], $10::text[], $11::text[], $12::int8[], $13::bool[],
                                          $14::int8[], $15::text[], $16::text[], $17::text[]) as t
                returning 1
            ), rejected as (
                insert into registration_result (batch_id, idx, status, external_ref, errors)
                select $1, t.idx, 'REJECTED', t.ref, t.errors
                  from unnest($18::int4[], $19::text[], $20::text[]) as t(idx, ref, errors)
                returning 1
            )
            select (select count(*) from valid) + (select count(*) from rejected)
            """;

    /** The records of one chunk with the index of their NIK's first valid occurrence in the batch. */
    static final String CHUNK = """
            chunk as (
                select i.*, (select min(o.idx) from registration_input o
                              where o.batch_id = i.batch_id and o.nik_index = i.nik_index) as first_idx
                  from registration_input i
                 where i.batch_id = $1 and i.idx > $2
                 order by i.idx
                 limit $3
            )""";

    static final String RESULTS = """
            results as (
                insert into registration_result (batch_id, idx, status, external_ref, participant_id, new_participant, errors)
                select $1, o.idx, case when o.code is null then 'ACCEPTED' else 'DUPLICATE' end, o.external_ref,
                       o.participant_id, case when o.code is null then o.is_new end,
                       case o.code
                            when 'DUPLICATE_IN_BATCH' then '[{"field":"nik","code":"DUPLICATE_IN_BATCH","message":"the same NIK is in record '
                                 || o.first_idx || ' of this batch"}]'
                            when 'ALREADY_REGISTERED' then '[{"field":"nik","code":"ALREADY_REGISTERED","message":"the worker is already registered"}]'
                       end
                  from outcomes o
                returning 1
            )
            select count(*) filter (where o.code is null) as accepted,
                   count(*) filter (where o.code = 'DUPLICATE_IN_BATCH') as duplicate_in_batch,
                   count(*) filter (where o.code = 'ALREADY_REGISTERED') as already_registered,
                   coalesce(max(o.idx), 0) as last_idx,
                   (select count(*) from results) as written
              from outcomes o
            """;

    /**
     * Registers a chunk: new NIKs become participants (ON CONFLICT DO NOTHING: of two racing registrations of one NIK,
     * exactly one inserts), LAPSED ones (explicitly, or by unpaid months) are reactivated with a new coverage start (the
     * row lock makes a racing second update find it ACTIVE), anything else is a duplicate. $4 partner, $5 registered
     * at, $6 registration month (the WIB month of submission, also the current month for the lapse rule).
     */
    static final String PROCESS = "with " + CHUNK + """
            , firsts as (select * from chunk where first_idx = idx),
            inserted as (
                insert into participant (id, nik_index, nik_cipher, nik_masked, full_name, birth_date, gender, phone, email,
                                         occupation, monthly_income, jht, address, region_code, status, source,
                                         partner_id, registered_by_partner_id, agent_id, registered_at,
                                         registration_month, new_participant, source_batch_id, source_index)
                select gen_random_uuid(), f.nik_index, f.nik_cipher, f.nik_masked, f.full_name, f.birth_date, f.gender,
                       f.phone, f.email, f.occupation, f.monthly_income, f.jht, f.address, f.region_code, 'ACTIVE',
                       'PARTNER', $4, $4, f.agent_id, $5, $6, true, $1, f.idx
                  from firsts f
                on conflict (nik_index) do nothing
                returning id, nik_index
            ),
            reactivated as (
                update participant p
                   set status = 'ACTIVE', partner_id = $4, agent_id = f.agent_id, full_name = f.full_name,
                       birth_date = f.birth_date, gender = f.gender, phone = f.phone, email = f.email,
                       occupation = f.occupation, monthly_income = f.monthly_income, jht = f.jht, address = f.address,
                       region_code = f.region_code, registered_at = $5, registration_month = $6, covered_until = null,
                       new_participant = false, source_batch_id = $1, source_index = f.idx, updated_at = now(),
                       registered_by_partner_id = coalesce(p.registered_by_partner_id, $4)
                  from firsts f
                 where p.nik_index = f.nik_index and """ + Coverage.lapsedSql("p", "$6") + """
                returning p.id, p.nik_index
            ),
            outcomes as (
                select c.idx, c.external_ref, c.first_idx, coalesce(i.id, r.id) as participant_id,
                       case when c.first_idx <> c.idx then 'DUPLICATE_IN_BATCH'
                            when i.id is null and r.id is null then 'ALREADY_REGISTERED' end as code,
                       i.id is not null as is_new
                  from chunk c
                  left join inserted i on c.first_idx = c.idx and i.nik_index = c.nik_index
                  left join reactivated r on c.first_idx = c.idx and r.nik_index = c.nik_index
            ),
            """ + RESULTS;

    /** A dry run of a chunk: the same decisions against the registry, storing only the outcomes. $4 current month. */
    static final String DRY_RUN = "with " + CHUNK + """
            , registry as (
                select c.idx, case when p.status = 'VOID' then 'VOID'
                                   when """ + Coverage.lapsedSql("p", "$4") + """
                                   then 'LAPSED' else 'ACTIVE' end as status
                  from chunk c join participant p on p.nik_index = c.nik_index
                 where c.first_idx = c.idx
            ),
            outcomes as (
                select c.idx, c.external_ref, c.first_idx, null::uuid as participant_id,
                       case when c.first_idx <> c.idx then 'DUPLICATE_IN_BATCH'
                            when r.status in ('ACTIVE', 'VOID') then 'ALREADY_REGISTERED' end as code,
                       r.status is null as is_new
                  from chunk c left join registry r on r.idx = c.idx
            ),
            """ + RESULTS;

    private final Pool pool;

    public RegistrationBatchRepository(Pool pool) {
        this.pool = pool;
    }

    /** Writes one staging chunk; returns the number of records written. */
    public Uni<Long> stage(SqlClient tx, UUID batchId, StagingChunk chunk) {
        return tx.preparedQuery(STAGE).execute(chunk.tuple(batchId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Decides and writes the outcomes of the next chunk, in the caller's (fenced) transaction. */
    public Uni<ChunkCounts> processChunk(SqlClient tx, UUID batchId, long partnerId, boolean dryRun, Instant submittedAt,
            LocalDate month, int processedUntil, int chunkSize) {
        Uni<Row> row = dryRun
                ? tx.preparedQuery(DRY_RUN).execute(Tuple.of(batchId, processedUntil, chunkSize, month))
                        .map(rows -> rows.iterator().next())
                : tx.preparedQuery(PROCESS).execute(Tuple.from(new Object[] { batchId, processedUntil, chunkSize, partnerId,
                        BatchRepository.utc(submittedAt), month })).map(rows -> rows.iterator().next());
        return row.map(r -> new ChunkCounts(r.getLong("written").intValue(), r.getLong("accepted").intValue(),
                r.getLong("duplicate_in_batch").intValue(), r.getLong("already_registered").intValue(),
                r.getInteger("last_idx")));
    }

    /** Outcomes in index order after the given index, optionally of one status. */
    public Uni<List<ResultRow>> results(UUID batchId, int afterIndex, String status, int count) {
        return pool.preparedQuery("""
                select idx, external_ref, status, participant_id, new_participant, errors
                  from registration_result
                 where batch_id = $1 and idx > $2 and ($3::text is null or status = $3)
                 order by idx
                 limit $4
                """).execute(Tuple.of(batchId, afterIndex, status, count)).map(rows -> {
            List<ResultRow> results = new ArrayList<>();
            rows.forEach(r -> results.add(new ResultRow(r.getInteger("idx"), r.getString("external_ref"),
                    r.getString("status"), r.getUUID("participant_id"), r.getBoolean("new_participant"),
                    r.getString("errors"))));
            return results;
        });
    }
}
