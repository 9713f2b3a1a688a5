package id.perisai.api.common.ingest.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.crypto.Cipher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import id.perisai.api.common.config.PerisaiConfig;
import io.quarkus.runtime.configuration.MemorySize;

class UploadSpoolTest {

    @TempDir
    Path root;

    static PerisaiConfig config(Path root, long maxBytes) {
        PerisaiConfig.UploadConfig upload = (PerisaiConfig.UploadConfig) Proxy.newProxyInstance(
                UploadSpoolTest.class.getClassLoader(), new Class<?>[] { PerisaiConfig.UploadConfig.class },
                (p, m, a) -> switch (m.getName()) {
                    case "spoolDirectory" -> root.toString();
                    case "spoolMaxSize" -> new MemorySize(java.math.BigInteger.valueOf(maxBytes));
                    default -> null;
                });
        return (PerisaiConfig) Proxy.newProxyInstance(UploadSpoolTest.class.getClassLoader(),
                new Class<?>[] { PerisaiConfig.class }, (p, m, a) -> m.getName().equals("upload") ? upload : null);
    }

    /** What the receiver does with the bytes of a body, in pieces of varying size. */
    static void spool(SpoolFile file, byte[] body) throws Exception {
        Cipher cipher = file.encryptor();
        Random random = new Random(1);
        try (var out = Files.newOutputStream(file.path())) {
            for (int at = 0; at < body.length;) {
                int n = Math.min(body.length - at, 1 + random.nextInt(70_000));
                assertTrue(file.reserve(n));
                out.write(cipher.update(body, at, n));
                at += n;
            }
        }
    }

    @Test
    void aSpooledBodyIsReadBackAsItArrivedButIsNotPlaintextOnDisk() throws Exception {
        UploadSpool spool = new UploadSpool(config(root, 10_000_000));
        SpoolFile file = spool.newFile();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append("{\"nik\":\"3201014101900001\",\"fullName\":\"Siti Aminah\",\"n\":").append(i).append("}\n");
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        spool(file, body);
        String onDisk = new String(Files.readAllBytes(file.path()), StandardCharsets.ISO_8859_1);
        assertFalse(onDisk.contains("3201014101900001"), "the spool file holds no plaintext");
        assertEquals(body.length, Files.size(file.path()));
        try (InputStream in = file.open()) {
            assertArrayEquals(body, in.readAllBytes());
        }
        assertEquals(body.length, spool.spooledBytes());
        file.delete();
        assertFalse(Files.exists(file.path()));
        assertEquals(0, spool.spooledBytes());
        assertEquals(0, spool.openFiles());
        file.delete();
        assertEquals(0, spool.spooledBytes(), "deleting twice gives the room back once");
    }

    @Test
    void aSmallBodyIsKeptInMemoryAndCountsAgainstTheSameLimit() throws Exception {
        UploadSpool spool = new UploadSpool(config(root, 100));
        SpoolFile body = spool.newInMemory();
        assertTrue(body.inMemory());
        assertTrue(body.reserve(60));
        body.append(io.vertx.core.buffer.Buffer.buffer("{\"records\":[]}"));
        assertFalse(spool.newFile().reserve(60), "what is in memory counts against the spool's size");
        try (InputStream in = body.open()) {
            assertEquals("{\"records\":[]}", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertFalse(Files.exists(body.path()), "no file for a body kept in memory");
        body.delete();
        assertEquals(0, spool.spooledBytes());
    }

    @Test
    void theSpoolRefusesBytesBeyondItsSize() {
        UploadSpool spool = new UploadSpool(config(root, 1000));
        SpoolFile a = spool.newFile();
        SpoolFile b = spool.newFile();
        assertTrue(a.reserve(600));
        assertFalse(b.reserve(600), "1200 bytes do not fit in 1000");
        assertTrue(b.reserve(400));
        a.delete();
        assertTrue(b.reserve(600));
    }

    @Test
    void directoriesOfDeadProcessesAreRemovedAndLiveOnesKept() throws Exception {
        Path dead = Files.createDirectories(root.resolve("dead-replica"));
        Files.writeString(dead.resolve(UploadSpool.LOCK), "");
        Files.write(dead.resolve("x.upload"), new byte[] { 1, 2, 3 });
        Path noLock = Files.createDirectories(root.resolve("no-lock"));
        Files.write(noLock.resolve("y.upload"), new byte[] { 4 });
        UploadSpool first = new UploadSpool(config(root, 1000));
        Path own = first.directory();
        assertFalse(Files.exists(dead), "nobody held its lock: its process is gone");
        assertFalse(Files.exists(noLock));
        assertTrue(Files.exists(own));
        // a second replica sharing the directory keeps the first one's: its lock is held
        UploadSpool second = new UploadSpool(config(root, 1000));
        Path secondOwn = second.directory();
        assertTrue(Files.exists(own));
        assertTrue(Files.exists(secondOwn));
        second.stop(null);
        assertFalse(Files.exists(secondOwn), "a replica stopping with no upload in flight removes its directory");
        first.stop(null);
    }
}
