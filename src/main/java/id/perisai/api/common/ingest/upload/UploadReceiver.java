package id.perisai.api.common.ingest.upload;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import javax.crypto.Cipher;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.ingest.MalformedBodyException;
import id.perisai.api.common.ingest.PayloadTooLargeException;
import id.perisai.api.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Receives a bulk upload's body into a {@link SpoolFile} without a database connection, a transaction or even a thread
 * held while it arrives: the body is read on the connection's event loop as it comes, encrypted and written to the
 * spool file (with back-pressure: reading pauses while the disk is behind). The returned {@link Uni} completes once the
 * whole body is on disk, and fails — leaving nothing behind — when
 * <ul>
 * <li>no byte arrives for {@code PERISAI_UPLOAD_STALL_TIMEOUT} (408 {@code upload-stalled}), or the average rate stays
 * below {@code PERISAI_UPLOAD_MIN_BYTES_PER_SECOND} (408 {@code upload-too-slow}),</li>
 * <li>the body passes the limit (413) or the replica's spool is full (503),</li>
 * <li>the client goes away (nothing to answer).</li>
 * </ul>
 * A refused upload's connection is closed once its answer is sent: the rest of its body is never read.
 */
@ApplicationScoped
public class UploadReceiver {

    private static final Logger LOG = Logger.getLogger(UploadReceiver.class);
    static final long TICK_MS = 1000;
    /** The largest declared body of a refused upload that is read and dropped rather than cut off. */
    static final long DRAIN_LIMIT = 1024 * 1024;

    private final UploadSpool spool;
    private final Vertx vertx;
    private final Duration stallTimeout;
    private final long minRate;
    private final Duration rateWindow;

    public UploadReceiver(UploadSpool spool, Vertx vertx, PerisaiConfig config) {
        this.spool = spool;
        this.vertx = vertx;
        this.stallTimeout = config.upload().stallTimeout();
        this.minRate = config.upload().minBytesPerSecond();
        this.rateWindow = config.upload().rateWindow();
    }

    /**
     * Receives the body of the request of {@code ctx} (call on its event loop, before anything read it).
     *
     * @param maxBytes the body limit (413 beyond it)
     * @param tick called on the event loop about every second while the body arrives (e.g. to keep a claim alive)
     */
    public Uni<SpoolFile> receive(RoutingContext ctx, long maxBytes, Runnable tick) {
        return Uni.createFrom().<SpoolFile> emitter(emitter -> new Receiving(ctx, maxBytes, tick, emitter).start());
    }

    /**
     * For an upload refused before its body was read (a wrong header, a 409, a 429): a small declared body is read and
     * dropped, so the connection stays usable and the client, still sending, sees the answer; anything larger (or of
     * unknown length) is not read — the connection is closed once the answer is sent.
     */
    public static void refuseBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            return;
        }
        long length = declaredLength(request);
        if (length >= 0 && length <= DRAIN_LIMIT) {
            request.handler(dropped -> {
            });
            request.exceptionHandler(gone -> {
            });
            request.resume();
        } else {
            closeAfterResponse(ctx);
        }
    }

    /** The request's Content-Length, or -1 when it declares none (chunked) or a malformed one. */
    static long declaredLength(HttpServerRequest request) {
        try {
            String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            return declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Closes the connection once the answer to a refused upload is sent, so the rest of its body is never read. */
    public static void closeAfterResponse(RoutingContext ctx) {
        if (!ctx.request().isEnded()) {
            if (!ctx.response().headWritten()) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
            ctx.addEndHandler(done -> ctx.request().connection().close());
        }
    }

    /** The state of one upload; every method runs on the request's event loop. */
    private final class Receiving {
        final RoutingContext ctx;
        final HttpServerRequest request;
        final long maxBytes;
        final Runnable tick;
        final UniEmitter<? super SpoolFile> emitter;
        final SpoolFile file;
        final Cipher cipher;
        /** Bytes received per tick over the rate window. */
        final Deque<Long> window = new ArrayDeque<>();
        AsyncFile out;
        long received;
        long receivedAtLastTick;
        long lastByteNanos = System.nanoTime();
        long startedNanos = System.nanoTime();
        long timer = -1;
        boolean pausedForDisk;
        boolean finished;

        Receiving(RoutingContext ctx, long maxBytes, Runnable tick, UniEmitter<? super SpoolFile> emitter) {
            this.ctx = ctx;
            this.request = ctx.request();
            this.maxBytes = maxBytes;
            this.tick = tick;
            this.emitter = emitter;
            long declared = declaredLength(request);
            this.file = declared >= 0 && declared <= UploadSpool.IN_MEMORY_LIMIT ? spool.newInMemory() : spool.newFile();
            this.cipher = file.inMemory() ? null : file.encryptor();
        }

        void start() {
            emitter.onTermination(() -> {
                if (!finished) {
                    // cancelled downstream (e.g. the request was refused for another reason): stop and clean up
                    fail(null);
                }
            });
            request.pause();
            if (file.inMemory()) {
                listen();
                return;
            }
            OpenOptions options = new OpenOptions().setCreateNew(true).setWrite(true);
            if (UploadSpool.posix()) {
                options.setPerms("rw-------");
            }
            vertx.fileSystem().open(file.path().toString(), options).onComplete(opened -> {
                if (opened.failed()) {
                    LOG.warnf("Upload spool file could not be created: %s", opened.cause().getClass().getName());
                    fail(UploadProblems.capacity());
                    return;
                }
                out = opened.result();
                if (finished) {
                    out.close().onComplete(v -> file.delete());
                    return;
                }
                out.exceptionHandler(e -> fail(UploadProblems.capacity()));
                listen();
            });
        }

        /** Starts reading the body (the request was paused until now). */
        void listen() {
            request.handler(this::data);
            request.endHandler(v -> end());
            request.exceptionHandler(
                    e -> fail(new MalformedBodyException("The request body could not be read completely")));
            if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
                request.response().writeContinue();
            }
            lastByteNanos = System.nanoTime();
            timer = vertx.setPeriodic(TICK_MS, id -> tick());
            request.resume();
        }

        void data(Buffer buffer) {
            if (finished) {
                return;
            }
            int n = buffer.length();
            received += n;
            lastByteNanos = System.nanoTime();
            if (received > maxBytes) {
                fail(new PayloadTooLargeException(maxBytes));
                return;
            }
            if (!file.reserve(n)) {
                fail(UploadProblems.capacity());
                return;
            }
            if (file.inMemory()) {
                file.append(buffer);
                return;
            }
            byte[] encrypted = cipher.update(buffer.getBytes());
            if (encrypted != null && encrypted.length > 0) {
                out.write(Buffer.buffer(encrypted));
            }
            if (out.writeQueueFull()) {
                pausedForDisk = true;
                request.pause();
                out.drainHandler(v -> {
                    pausedForDisk = false;
                    lastByteNanos = System.nanoTime();
                    if (!finished) {
                        request.resume();
                    }
                });
            }
        }

        void end() {
            if (finished) {
                return;
            }
            cancelTimer();
            if (file.inMemory()) {
                finished = true;
                emitter.complete(file);
                return;
            }
            out.close().onComplete(closed -> {
                if (closed.failed()) {
                    fail(UploadProblems.capacity());
                    return;
                }
                if (!finished) {
                    finished = true;
                    emitter.complete(file);
                }
            });
        }

        void tick() {
            if (finished) {
                cancelTimer();
                return;
            }
            long now = System.nanoTime();
            if (!pausedForDisk && now - lastByteNanos > stallTimeout.toNanos()) {
                fail(UploadProblems.stalled(stallTimeout));
                return;
            }
            if (minRate > 0) {
                window.addLast(received - receivedAtLastTick);
                receivedAtLastTick = received;
                long ticks = Math.max(1, rateWindow.toMillis() / TICK_MS);
                while (window.size() > ticks) {
                    window.removeFirst();
                }
                long inWindow = window.stream().mapToLong(Long::longValue).sum();
                if (window.size() == ticks && now - startedNanos >= rateWindow.toNanos() && !pausedForDisk
                        && inWindow < minRate * ticks * TICK_MS / 1000) {
                    fail(UploadProblems.tooSlow(minRate, rateWindow));
                    return;
                }
            }
            try {
                tick.run();
            } catch (RuntimeException e) {
                LOG.debugf("upload tick failed: %s", e.getClass().getName());
            }
        }

        /** Stops receiving and removes the spool file; {@code problem} is the answer (null: nobody to answer). */
        void fail(ProblemException problem) {
            if (finished) {
                return;
            }
            finished = true;
            cancelTimer();
            request.handler(null);
            request.endHandler(null);
            request.exceptionHandler(null);
            if (out != null) {
                out.close().onComplete(v -> file.delete());
            } else {
                file.delete();
            }
            closeAfterResponse(ctx);
            if (problem != null) {
                emitter.fail(problem);
            } else {
                emitter.fail(new MalformedBodyException("The request body could not be read completely"));
            }
        }

        void cancelTimer() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }
    }
}
