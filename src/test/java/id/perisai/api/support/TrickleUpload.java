package id.perisai.api.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upload as a phone on a village network sends it: a raw HTTP/1.1 request whose body goes out a few bytes at a
 * time (by default one byte a second, from a shared scheduler), which can stall (stop sending), finish at once, or go
 * away. Used by the slow-network tests (quality.md R7).
 */
public final class TrickleUpload implements AutoCloseable {

    /** One scheduler thread sends for every trickling upload of a test. */
    static final ScheduledExecutorService TICKS = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "trickle-uploads");
        t.setDaemon(true);
        return t;
    });

    /** What the server answered. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final byte[] body;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final java.util.concurrent.ScheduledFuture<?> ticking;

    private TrickleUpload(Socket socket, byte[] body, int bytesPerTick, Duration tick) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.body = body;
        this.ticking = bytesPerTick <= 0 ? null
                : TICKS.scheduleAtFixedRate(() -> send(bytesPerTick), tick.toMillis(), tick.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the request (headers at once, with the body's full {@code Content-Length}) and starts sending the body
     * {@code bytesPerTick} bytes every {@code tick}; 0 bytes per tick sends none until asked.
     */
    public static TrickleUpload start(int port, String path, Map<String, String> headers, byte[] body,
            int bytesPerTick, Duration tick) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new TrickleUpload(socket, body, bytesPerTick, tick);
    }

    /** One byte a second. */
    public static TrickleUpload oneBytePerSecond(int port, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        return start(port, path, headers, body, 1, Duration.ofSeconds(1));
    }

    private synchronized void send(int n) {
        if (paused.get() || socket.isClosed()) {
            return;
        }
        int from = sent.get();
        int to = Math.min(body.length, from + n);
        if (from >= to) {
            return;
        }
        try {
            out.write(body, from, to - from);
            out.flush();
            sent.set(to);
        } catch (IOException closedByServer) {
            paused.set(true);
        }
    }

    /** Body bytes sent so far. */
    public int sent() {
        return sent.get();
    }

    /** Stops sending (a stall): the connection stays open. */
    public void stall() {
        paused.set(true);
    }

    /** Sends the rest of the body at once. */
    public synchronized void finish() throws IOException {
        paused.set(true);
        int from = sent.get();
        out.write(body, from, body.length - from);
        out.flush();
        sent.set(body.length);
    }

    /** Reads the answer (status line, headers, a Content-Length body), waiting at most {@code timeout}. */
    public Answer answer(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int headerEnd = -1;
        byte[] buffer = new byte[8192];
        try {
            while (headerEnd < 0) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("closed before an answer: " + raw);
                }
                raw.write(buffer, 0, n);
                headerEnd = raw.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
                // a "100 Continue" interim answer comes first: skip it
                String text = raw.toString(StandardCharsets.ISO_8859_1);
                if (headerEnd >= 0 && text.startsWith("HTTP/1.1 100")) {
                    byte[] rest = java.util.Arrays.copyOfRange(raw.toByteArray(), headerEnd + 4, raw.size());
                    raw.reset();
                    raw.write(rest);
                    headerEnd = raw.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
                }
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer within " + timeout, e);
        }
        String text = raw.toString(StandardCharsets.ISO_8859_1);
        String[] lines = text.substring(0, headerEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] all = raw.toByteArray();
        ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream();
        bodyBytes.write(all, headerEnd + 4, all.length - headerEnd - 4);
        while (bodyBytes.size() < length) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            bodyBytes.write(buffer, 0, n);
        }
        return new Answer(status, headers, bodyBytes.toString(StandardCharsets.UTF_8));
    }

    /** Whether the server closed the connection (reads end) within {@code timeout}. */
    public boolean closedByServer(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Goes away (the phone lost its network): the connection is closed mid-body. */
    @Override
    public void close() {
        if (ticking != null) {
            ticking.cancel(false);
        }
        try {
            socket.close();
        } catch (IOException e) {
            // gone anyway
        }
    }
}
