package id.perisai.api.common.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One upload's body on local disk, encrypted (AES-256-CTR) with a key and counter that exist only in this object: the
 * receiver writes it on the event loop as the body arrives, the intake reads it back on a worker thread once it is
 * complete, then deletes it. A file left by a dead process is unreadable and swept at the next start
 * ({@link UploadSpool}). A small body that declared its length ({@link UploadSpool#IN_MEMORY_LIMIT}) is kept in memory
 * instead ({@link #inMemory()}): no file to create and delete for the many 1-record batches of a busy partner; it
 * counts against the same spool limit.
 */
public final class SpoolFile {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final int READ_BUFFER = 64 * 1024;

    private final Path path;
    private final UploadSpool spool;
    private final SecretKeySpec key;
    private final byte[] iv = new byte[16];
    private final AtomicBoolean deleted = new AtomicBoolean();
    /** The body itself when it is kept in memory; null for a file. */
    private final io.vertx.core.buffer.Buffer memory;
    private long size;

    SpoolFile(Path path, UploadSpool spool, boolean inMemory) {
        this.path = path;
        this.spool = spool;
        this.memory = inMemory ? io.vertx.core.buffer.Buffer.buffer() : null;
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        RANDOM.nextBytes(iv);
        this.key = new SecretKeySpec(k, "AES");
    }

    public Path path() {
        return path;
    }

    /** Whether the body is kept in memory (a small body of a declared length) rather than in a file. */
    public boolean inMemory() {
        return memory != null;
    }

    /** Appends to an in-memory body (the receiver, on the event loop). */
    void append(io.vertx.core.buffer.Buffer data) {
        memory.appendBuffer(data);
    }

    /** Bytes of body spooled. */
    public long size() {
        return size;
    }

    /** Reserves room in the spool for {@code bytes} more; false when the spool is full. */
    boolean reserve(long bytes) {
        if (!spool.reserve(bytes)) {
            return false;
        }
        size += bytes;
        return true;
    }

    Cipher encryptor() {
        return cipher(Cipher.ENCRYPT_MODE);
    }

    private Cipher cipher(int mode) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(mode, key, new IvParameterSpec(iv));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body as it arrived, decrypted while it is read. Blocking: call on a worker thread. */
    public InputStream open() {
        if (memory != null) {
            return new java.io.ByteArrayInputStream(memory.getBytes());
        }
        try {
            return new Decrypting(Files.newInputStream(path), cipher(Cipher.DECRYPT_MODE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the file and gives its room back to the spool; may be called again (e.g. once the file is closed). */
    public void delete() {
        try {
            if (memory == null) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // swept with the replica's directory at the next start
        }
        if (deleted.compareAndSet(false, true)) {
            spool.released(size);
        }
    }

    /** Decrypts a stream in large blocks (CTR needs no padding: every byte maps to one byte). */
    static final class Decrypting extends InputStream {
        private final InputStream in;
        private final Cipher cipher;
        private final byte[] encrypted = new byte[READ_BUFFER];
        private byte[] plain = new byte[0];
        private int pos;
        private int limit;

        Decrypting(InputStream in, Cipher cipher) {
            this.in = in;
            this.cipher = cipher;
        }

        private boolean fill() throws IOException {
            while (pos >= limit) {
                int n = in.read(encrypted);
                if (n < 0) {
                    return false;
                }
                plain = cipher.update(encrypted, 0, n);
                pos = 0;
                limit = plain == null ? 0 : plain.length;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? plain[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(plain, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
