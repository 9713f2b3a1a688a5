package id.perisai.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The P3 baseline: pgbench (PostgreSQL's own load generator) running, per transaction, the SQL a 1-record registration
 * batch makes the service write — the batch row, the staged chunk, the participant, its result, the audit row and the
 * conditional quota update — at the same concurrency, against the same tables.
 */
final class PgBench {

    record Result(double tps, double p99Ms) {
    }

    static final String SCRIPT = """
            \\set n random(1, 1000000000)
            BEGIN;
            INSERT INTO batch (id, partner_id, kind, status, dry_run, content_type, submitted_at, received, staged)
              VALUES (gen_random_uuid(), :partner, 'REGISTRATION', 'RECEIVED', false, 'application/json', now(), 1, 1);
            INSERT INTO registration_chunk (batch_id, chunk, first_idx, last_idx, records, data)
              VALUES (gen_random_uuid(), 1, 1, 1, 1, decode(repeat(md5(random()::text), 7), 'hex'));
            INSERT INTO quota_usage AS u (partner_id, quota, day, used) VALUES (:partner, 'registrations', current_date, 1)
              ON CONFLICT (partner_id, quota, day) DO UPDATE SET used = u.used + 1 WHERE u.used + 1 <= 100000000;
            INSERT INTO participant (id, nik_index, nik_cipher, nik_masked, full_name, birth_date, gender, phone,
                occupation, monthly_income, jht, status, source, partner_id, registered_by_partner_id, registered_at,
                registration_month, new_participant, source_index)
              VALUES (gen_random_uuid(), decode(md5(:client_id || '+' || :n || random()), 'hex'),
                decode(md5(random()::text) || md5(random()::text), 'hex'), '3201**********0001', 'Siti Aminah',
                '1990-01-01', 'F', '+6281234567890', 'PEDAGANG', 1000000, true, 'ACTIVE', 'PARTNER', :partner, :partner,
                now(), date_trunc('month', now()), true, 1)
              ON CONFLICT (nik_index) DO NOTHING;
            INSERT INTO registration_result (batch_id, idx, status, new_participant)
              VALUES (gen_random_uuid(), 1, 'ACCEPTED', true);
            INSERT INTO audit_log (action, partner_code, resource_type, resource_id)
              VALUES ('REGISTRATION_BATCH_RECEIVED', 'BENCH-P3', 'batch', :n::text);
            COMMIT;
            """;

    static Result run(int clients, double seconds) throws IOException, InterruptedException, java.sql.SQLException {
        long partnerId;
        try (var c = BenchApp.db();
                var s = c.createStatement();
                var rs = s.executeQuery("select id from partner where code = 'BENCH-P3'")) {
            rs.next();
            partnerId = rs.getLong(1);
        }
        Path script = Files.createTempFile("perisai-p3", ".sql");
        Files.writeString(script, SCRIPT);
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", "127.0.0.1", "-U", "postgres", "-n", "-M", "prepared",
                "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf((int) seconds), "-D",
                "partner=" + partnerId, "-f", script.toString(), "-r", "--log", "--log-prefix=/tmp/perisai-pgbench",
                "postgres"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGOPTIONS", "-c search_path=" + BenchApp.SCHEMA);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench failed:\n" + out);
        }
        return new Result(Double.parseDouble(tps.group(1)), p99FromLogs());
    }

    /** The 99th percentile of the per-transaction latencies pgbench logged (microseconds, third column). */
    static double p99FromLogs() throws IOException {
        List<Long> micros = new ArrayList<>();
        try (var files = Files.list(Path.of("/tmp"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("perisai-pgbench")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String[] cols = line.split(" ");
                    if (cols.length > 2) {
                        micros.add(Long.parseLong(cols[2]));
                    }
                }
                Files.delete(f);
            }
        }
        micros.sort(null);
        return micros.isEmpty() ? Double.NaN : micros.get((int) Math.ceil(0.99 * micros.size()) - 1) / 1000.0;
    }
}
