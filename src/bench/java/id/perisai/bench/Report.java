package id.perisai.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The benchmark's table: one row per goal, printed and written to target/benchmark/results.md. */
final class Report {

    record Row(String goal, String what, String measured, String target, boolean met, String detail) {
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        long memory = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memory = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return String.format("%d cores (%s), %d GiB, Java %s, PostgreSQL at 127.0.0.1:5432",
                Runtime.getRuntime().availableProcessors(), cpu, memory, System.getProperty("java.version"));
    }

    static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("Benchmark run ").append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
                .append(" on ").append(machine()).append("\n\n");
        sb.append("| goal | what | measured | target | met |\n| --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            sb.append("| ").append(r.goal()).append(" | ").append(r.what()).append(" | ").append(r.measured())
                    .append(" | ").append(r.target()).append(" | ").append(r.met() ? "yes" : "**no**").append(" |\n");
        }
        sb.append('\n');
        for (Row r : rows) {
            sb.append("- ").append(r.goal()).append(": ").append(r.detail()).append('\n');
        }
        return sb.toString();
    }

    static void write(List<Row> rows) throws IOException {
        String text = markdown(rows);
        System.out.println();
        System.out.println(text);
        Path out = Path.of("target/benchmark/results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        System.out.println("Written to " + out);
    }
}
