package id.perisai.api.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own: created with the local installation's {@code initdb} under {@code target/},
 * listening on a free loopback port, started and stopped with {@code pg_ctl}, and deleted by {@link #close()}. A test
 * that must stop or restart PostgreSQL does it to this one — never to the machine's server, which other developers'
 * work may be using at the same time.
 * <p>
 * PostgreSQL refuses to run as root; when the tests run as root (as on our CI machines) the cluster is created and run
 * as the {@code postgres} operating-system user.
 */
public final class ThrowawayPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;

    private ThrowawayPostgres(Path bin, Path dataDir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The directory of {@code initdb} and {@code pg_ctl} of the newest local PostgreSQL, or null if there is none. */
    public static Path installation() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll(
                            "\\D", "0"))))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Creates the cluster (trust authentication, user {@code postgres}), starts it and creates {@code database}. */
    public static ThrowawayPostgres start(String database) throws IOException, InterruptedException {
        Path bin = installation();
        assertTrue(bin != null, "no local PostgreSQL installation under /usr/lib/postgresql");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dataDir = Path.of("target", "throwaway-pg-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        Files.createDirectories(dataDir);
        ThrowawayPostgres pg = new ThrowawayPostgres(bin, dataDir, PackagedApp.freePort(), root);
        if (root) {
            run(List.of("chown", "postgres:postgres", dataDir.toString()), false);
        }
        pg.tool("initdb", "-D", dataDir.toString(), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
        pg.pgCtl("start");
        pg.tool("createdb", "-h", "127.0.0.1", "-p", String.valueOf(pg.port), "-U", "postgres", database);
        return pg;
    }

    public int port() {
        return port;
    }

    /** Stops the cluster (fast shutdown: open sessions are ended, as in a real outage). */
    public void stop() throws IOException, InterruptedException {
        pgCtl("stop");
    }

    public void restart() throws IOException, InterruptedException {
        pgCtl("start");
    }

    private void pgCtl(String action) throws IOException, InterruptedException {
        if (action.equals("start")) {
            tool("pg_ctl", "-D", dataDir.toString(), "-w", "-t", "60", "-l", dataDir.resolve("server.log").toString(),
                    "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dataDir + " -c fsync=off", "start");
        } else {
            tool("pg_ctl", "-D", dataDir.toString(), "-w", "-t", "60", "-m", "fast", action);
        }
    }

    private void tool(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(bin.resolve(name).toString()));
        command.addAll(List.of(args));
        run(command, asPostgresUser);
    }

    private static void run(List<String> command, boolean asPostgresUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), () -> String.join(" ", command) + " hangs");
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + ": " + out);
    }

    /** Stops the cluster if it runs and deletes its files. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            tool("pg_ctl", "-D", dataDir.toString(), "-w", "-t", "60", "-m", "immediate", "stop");
        } catch (AssertionError alreadyStopped) {
            // nothing runs
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
