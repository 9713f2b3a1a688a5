package id.perisai.api.common.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The request body as read by a bulk endpoint: counts bytes against the limit (413 for chunked uploads that never
 * declared a length) and computes the SHA-256 of everything read, which identifies the request for idempotency.
 */
public final class BodyStream extends FilterInputStream {

    private final long limit;
    private final MessageDigest digest;
    private long count;

    public BodyStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seeds the digest with what else identifies the request (format, options), before the body bytes. */
    public BodyStream seed(String requestContext) {
        digest.update(requestContext.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) 0);
        return this;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
            digest.update(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /** The container owns the request stream; parsers that close their source at the end must not close it. */
    @Override
    public void close() {
        // intentionally not closing the underlying request stream
    }

    private void count(int n) {
        count += n;
        if (count > limit) {
            throw new PayloadTooLargeException(limit);
        }
    }

    /** Reads what is left (so the digest covers the whole body) and returns the digest. */
    public byte[] finish() throws IOException {
        byte[] buffer = new byte[8192];
        while (read(buffer, 0, buffer.length) >= 0) {
            // drain
        }
        return digest.digest();
    }

    public long bytesRead() {
        return count;
    }
}
