package id.perisai.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.PackagedApp;
import id.perisai.api.support.PackagedBatches;
import id.perisai.api.support.Workers;

/**
 * The container image runs the Java 17 jar on Java 25 with an ahead-of-time cache ({@code src/main/docker/Dockerfile.jvm}).
 * This does what the image build does — a training run up to the end of Quarkus' static initialisation writes the cache —
 * then starts the packaged app with that cache <em>required</em> ({@code -XX:AOTMode=on}: a cache that does not match the
 * jar or the JVM fails the start instead of being ignored) and runs a batch end to end. Skipped where no Java 25 is
 * installed ({@code -Dperisai.image.java} points at another).
 */
class ImageRuntimeIT {

    static final Path JAVA = Path.of(System.getProperty("perisai.image.java", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));

    @Test
    void theImagesJvmAndAotCacheRunABatchToCompletion() throws Exception {
        assumeTrue(Files.isExecutable(JAVA), "no Java 25 at " + JAVA);
        Path dir = Files.createDirectories(Path.of("target/image-runtime-it"));
        Path cache = dir.resolve("app.aot").toAbsolutePath();
        Files.deleteIfExists(cache);
        Process training = new ProcessBuilder(JAVA.toString(), "-XX:AOTCacheOutput=" + cache,
                "-Dquarkus.appcds.generate=true", "-jar", PackagedApp.JAR.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("training.log").toFile()).start();
        assertTrue(training.waitFor(300, TimeUnit.SECONDS), "the training run did not end");
        assertTrue(Files.size(cache) > 0, () -> "no AOT cache: " + read(dir.resolve("training.log")));

        int port = PackagedApp.freePort();
        PackagedApp app = PackagedApp.start(JAVA, List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on",
                "-XX:Tier4InvocationThreshold=50000", "-XX:Tier4MinInvocationThreshold=6000",
                "-XX:Tier4CompileThreshold=150000", "-XX:Tier4BackEdgeThreshold=400000"), PackagedApp.environment(port))
                .awaitReady();
        try {
            String token = PackagedBatches.partner(app, "IMG");
            String batch = PackagedBatches.submit(app, token,
                    HttpRequest.BodyPublishers.ofString(Batches.ndjson(Workers.records(200, "img-"))));
            PackagedBatches.awaitCompleted(batch, app, 120);
            PackagedBatches.assertExactlyOnce(batch, 200, 200);
        } finally {
            app.stop();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
