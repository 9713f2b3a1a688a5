package id.perisai.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * P6: the packaged app is ready (/q/health/ready = 200) within 2 s of its start, on an up-to-date schema.
 * <p>
 * Three ways of starting the same jar are measured, interleaved so that the machine's moods fall on all of them alike:
 * Java 17 with the build's AppCDS archive (how the app ran before), Java 25 with the AOT cache the container image
 * builds ({@code src/main/docker/Dockerfile.jvm}: a training run up to the end of Quarkus' static initialisation, which
 * needs no database), and Java 25 with an AOT cache trained on a running app (start, tokens, reads, a small batch).
 * The goal is judged on the image's cache, since that is what is deployed.
 */
final class StartupBench {

    /** The JDK that runs the image's JVM (Temurin 25 here, as in the image); {@code -Dbench.aot.java} for another. */
    static final Path AOT_JAVA = Path.of(
            System.getProperty("bench.aot.java", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));

    static Report.Row run(int starts) throws Exception {
        List<Double> cds = new ArrayList<>();
        List<Double> image = new ArrayList<>();
        List<Double> trained = new ArrayList<>();
        boolean aot = Files.isExecutable(AOT_JAVA);
        Path dir = Path.of("target/benchmark").toAbsolutePath();
        Files.createDirectories(dir);
        Path imageCache = dir.resolve("image.aot");
        Path trainedCache = dir.resolve("trained.aot");
        List<String> plain = BenchApp.jvmOptions("512m").stream().filter(o -> !o.startsWith("-XX:SharedArchiveFile"))
                .toList();
        if (aot) {
            buildImageCache(imageCache);
            train(plain, trainedCache);
        }
        for (int i = 0; i < starts; i++) {
            cds.add(readyAfter(Path.of(System.getProperty("java.home"), "bin", "java"), BenchApp.jvmOptions("512m")));
            if (aot) {
                image.add(readyAfter(AOT_JAVA, with(plain, "-XX:AOTCache=" + imageCache)));
                trained.add(readyAfter(AOT_JAVA, with(plain, "-XX:AOTCache=" + trainedCache)));
            }
        }
        double cdsMax = max(cds);
        if (!aot) {
            return new Report.Row("P6", "ready after start", String.format("max %.2f s (Java 17, AppCDS)", cdsMax),
                    "≤ 2 s", cdsMax <= 2.0, "no JDK 25 at " + AOT_JAVA + ": Java 17 with AppCDS only, " + cds + " s");
        }
        double imageMax = max(image);
        String detail = String.format("%d starts each, interleaved, -Xmx512m, on the migrated schema, to the first 200 of"
                + " /q/health/ready: Java 25 + the image's AOT cache %s s; Java 25 + a cache trained on a running app %s"
                + " s (max %.2f); Java 17 + the build's AppCDS archive %s s (max %.2f)", starts, format(image),
                format(trained), max(trained), format(cds), cdsMax);
        return new Report.Row("P6", "ready after start",
                String.format("max %.2f s (Java 25 + AOT cache); Java 17 + AppCDS max %.2f s", imageMax, cdsMax), "≤ 2 s",
                imageMax <= 2.0, detail);
    }

    /** What the Dockerfile does: a JVM that records until Quarkus' static initialisation is over, then exits. */
    private static void buildImageCache(Path cache) throws Exception {
        Files.deleteIfExists(cache);
        Process p = new ProcessBuilder(AOT_JAVA.toString(), "-XX:AOTCacheOutput=" + cache,
                "-Dquarkus.appcds.generate=true", "-jar", "quarkus-run.jar").directory(BenchApp.APP_DIR.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(180, TimeUnit.SECONDS) || !Files.exists(cache)) {
            p.destroyForcibly();
            throw new IllegalStateException("no AOT cache written to " + cache);
        }
    }

    /** A cache recorded while the app served what a fresh replica first sees: tokens, reads, a small batch. */
    private static void train(List<String> options, Path cache) throws Exception {
        Files.deleteIfExists(cache);
        try (BenchApp app = BenchApp.start(AOT_JAVA, with(options, "-XX:AOTCacheOutput=" + cache), Map.of())) {
            app.awaitReady();
            String token = app.partnerToken("BENCH-P6");
            for (int i = 0; i < 20; i++) {
                app.send(app.get("/v1/quota", token), 200);
            }
            String batch = app.send(app.post("/v1/registration-batches", token, "application/x-ndjson",
                    Workload.ndjson(Workload.workers(66_000_000, 5, List.of()))).header("Idempotency-Key", "p6-train"),
                    202).get("batchId").asText();
            app.send(app.get("/v1/registration-batches/" + batch, token), 200);
            app.stop(120); // the JVM writes the cache as it exits
        }
        if (!Files.exists(cache)) {
            throw new IllegalStateException("no AOT cache written to " + cache);
        }
    }

    private static double readyAfter(Path java, List<String> options) throws Exception {
        try (BenchApp app = BenchApp.start(java, options, Map.of())) {
            return app.awaitReady();
        }
    }

    private static List<String> with(List<String> options, String option) {
        List<String> all = new ArrayList<>(options);
        all.add(option);
        return all;
    }

    private static double max(List<Double> seconds) {
        return Collections.max(seconds);
    }

    private static String format(List<Double> seconds) {
        return seconds.stream().map(s -> String.format("%.2f", s)).toList().toString();
    }
}
