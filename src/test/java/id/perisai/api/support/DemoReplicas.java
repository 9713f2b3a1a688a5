package id.perisai.api.support;

import java.util.HashMap;
import java.util.Map;

/**
 * Two replicas of the dev-seeded packaged app ({@link DemoApp}) on one schema, with the same keys and configuration:
 * what the tests of "exactly once across replicas" run against. Started one after the other (two JVMs starting at once
 * on a loaded 2-core machine outlast the readiness wait); closing stops both.
 */
public record DemoReplicas(PackagedApp a, PackagedApp b) implements AutoCloseable {

    /** Starts both on a fresh {@code schema} (dropped first), each with the dev seed's environment and {@code extra}. */
    public static DemoReplicas start(String schema, Map<String, String> extra) throws Exception {
        Map<String, String> envA = DemoApp.environment(schema, PackagedApp.freePort());
        envA.putAll(extra);
        Map<String, String> envB = new HashMap<>(envA);
        envB.put("QUARKUS_HTTP_PORT", String.valueOf(PackagedApp.freePort()));
        PackagedApp a = PackagedApp.start(envA);
        try {
            a.awaitReady();
            PackagedApp b = PackagedApp.start(envB);
            try {
                b.awaitReady();
            } catch (Exception | AssertionError e) {
                b.stop();
                throw e;
            }
            return new DemoReplicas(a, b);
        } catch (Exception | AssertionError e) {
            // also when the second JVM cannot even be launched (IOException): the first is not left running
            a.stop();
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            a.stop();
        } finally {
            b.stop();
        }
    }
}
