package id.perisai.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** P6: the packaged app is ready (/q/health/ready = 200) within 3 s of its start, on an up-to-date schema. */
final class StartupBench {

    static Report.Row run(int starts) throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            try (BenchApp app = BenchApp.start(IngestBench.heapCap(), Map.of())) {
                seconds.add(app.awaitReady());
            }
        }
        Collections.sort(seconds);
        double max = seconds.get(seconds.size() - 1);
        String detail = String.format("%d starts of java -jar (JVM, -Xmx512m, %s) on the migrated schema: %s s to the"
                + " first 200 of /q/health/ready", starts,
                BenchApp.jvmOptions("512m").stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile"))
                        ? "with the build's AppCDS archive"
                        : "no AppCDS archive",
                seconds.stream().map(s -> String.format("%.2f", s)).toList());
        return new Report.Row("P6", "ready after start", String.format("max %.2f s", max), "≤ 3 s", max <= 3.0, detail);
    }
}
