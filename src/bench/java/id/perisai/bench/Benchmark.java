package id.perisai.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's benchmark (quality.md P1–P6): starts the packaged app against the local PostgreSQL and measures each
 * goal against its target in one run, printing a table and writing it to target/benchmark/results.md. Run it with
 * {@code ./mvnw -Pbench package}; {@code -Dbench.goals=P5} runs some goals only.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> goals = new LinkedHashSet<>(List.of(System.getProperty("bench.goals", "P5").split(",")));
        int participants = Integer.getInteger("bench.p5.participants", 100_000);
        List<Report.Row> rows = new ArrayList<>();
        System.out.println("Perisai benchmark on " + Report.machine() + ": goals " + goals);
        if (goals.contains("P5")) {
            BenchApp.resetSchema();
            try (BenchApp app = BenchApp.start(List.of("-Xmx1g"), Map.of())) {
                app.awaitReady();
                rows.addAll(StatementBench.run(app, participants));
            }
        }
        Report.write(rows);
        long missed = rows.stream().filter(r -> !r.met()).count();
        System.out.println(missed == 0 ? "Every goal met." : missed + " goal(s) NOT met: see the table.");
        System.exit(0);
    }
}
