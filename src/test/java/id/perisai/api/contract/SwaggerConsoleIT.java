package id.perisai.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.DemoApp;
import id.perisai.api.support.PackagedApp;

/**
 * quality.md C5: the Swagger UI console of the packaged app with the dev seed, in headless Chromium driven by
 * playwright-core ({@code src/test/contract/ts/console.ts}): Authorize with the printed demo client, submit a JSON
 * registration batch from its prefilled example, see 202 — twice, with a fresh Idempotency-Key each time. Uses
 * Debian's Chromium ({@code .ci/run} installs it); skipped where there is none.
 */
class SwaggerConsoleIT {

    static final Path CHROMIUM = Path.of(System.getProperty("perisai.chromium", "/usr/bin/chromium"));

    @Test
    void consoleSubmitsTheJsonRegistrationExampleWithAFreshKey() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM
                + ": install Debian's chromium (.ci/run does) to run the Swagger UI console test");
        PackagedApp app = DemoApp.start("perisai_console");
        try {
            Path screenshot = Path.of("target/contract/swagger-ui-console.png").toAbsolutePath();
            DemoApp.Run run = DemoApp.node("console.js", List.of("http://localhost:" + app.port(), DemoApp.CLIENT_ID,
                    DemoApp.CLIENT_SECRET, CHROMIUM.toString(), screenshot.toString()), 180);
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("JSON registration batch from its example accepted (202)"), run.output());
        } finally {
            app.stop();
        }
    }
}
