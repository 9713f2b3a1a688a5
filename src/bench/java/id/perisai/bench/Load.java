package id.perisai.bench;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * A load generator on Vert.x (non-blocking HTTP/1.1 with keep-alive): a closed model (N clients, each sending its
 * next request when the previous one answered) and an open model (requests started at a constant rate whatever the
 * answers, latency counted from the moment each request was due, so a slow server cannot hide its queueing — what
 * wrk2 calls correcting coordinated omission).
 */
final class Load implements AutoCloseable {

    /** One request to send. */
    record Call(HttpMethod method, String path, String token, String contentType, Buffer body, String idempotencyKey,
            int expectedStatus) {
    }

    /** Latencies (ms) of the requests that completed, failures, and the measured duration. */
    record Result(double[] latenciesMs, long failures, double seconds) {
        double percentile(double p) {
            if (latenciesMs.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latenciesMs.length) - 1;
            return latenciesMs[Math.max(0, Math.min(latenciesMs.length - 1, i))];
        }

        double throughput() {
            return latenciesMs.length / seconds;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final int port;

    Load(int port, int connections) {
        this.port = port;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                .setDefaultHost("127.0.0.1").setDefaultPort(port), new PoolOptions().setHttp1MaxSize(connections));
    }

    private Future<Integer> send(Call call) {
        RequestOptions options = new RequestOptions().setMethod(call.method()).setURI(call.path()).setHost("127.0.0.1")
                .setPort(port).putHeader("Authorization", "Bearer " + call.token());
        if (call.contentType() != null) {
            options.putHeader("Content-Type", call.contentType());
        }
        if (call.idempotencyKey() != null) {
            options.putHeader("Idempotency-Key", call.idempotencyKey());
        }
        return client.request(options).compose(req -> call.body() == null ? req.send() : req.send(call.body()))
                .compose(resp -> resp.body().map(b -> resp.statusCode()));
    }

    /** {@code clients} clients sending back to back for {@code seconds} (after {@code warmup} seconds not counted). */
    Result closed(int clients, double warmup, double seconds, IntFunction<Call> calls) throws InterruptedException {
        AtomicInteger sequence = new AtomicInteger();
        long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
        long end = warmEnd + (long) (seconds * 1e9);
        long[] latencies = new long[2_000_000];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            vertx.runOnContext(v -> loop(sequence, calls, warmEnd, end, latencies, recorded, failures, done));
        }
        done.await(10 + (long) (warmup + seconds) * 2, TimeUnit.SECONDS);
        return result(latencies, recorded.get(), failures.get(), seconds);
    }

    private void loop(AtomicInteger sequence, IntFunction<Call> calls, long warmEnd, long end, long[] latencies,
            AtomicInteger recorded, AtomicLong failures, CountDownLatch done) {
        long now = System.nanoTime();
        if (now >= end) {
            done.countDown();
            return;
        }
        Call call = calls.apply(sequence.getAndIncrement());
        send(call).onComplete(ar -> {
            long t = System.nanoTime();
            if (now >= warmEnd) {
                if (ar.succeeded() && ar.result() == call.expectedStatus()) {
                    int i = recorded.getAndIncrement();
                    if (i < latencies.length) {
                        latencies[i] = t - now;
                    }
                } else {
                    failures.incrementAndGet();
                }
            }
            loop(sequence, calls, warmEnd, end, latencies, recorded, failures, done);
        });
    }

    /** Requests at {@code rate} per second for {@code seconds} (after {@code warmup} seconds not counted). */
    Result open(double rate, double warmup, double seconds, IntFunction<Call> calls) throws Exception {
        long start = System.nanoTime();
        long warmEnd = start + (long) (warmup * 1e9);
        long total = (long) (rate * (warmup + seconds));
        double interval = 1e9 / rate;
        long[] latencies = new long[(int) total + 1];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        AtomicLong issued = new AtomicLong();
        CompletableFuture<Void> allIssued = new CompletableFuture<>();
        vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            long due = Math.min(total, (long) ((now - start) / interval) + 1);
            while (issued.get() < due) {
                long n = issued.getAndIncrement();
                long intended = start + (long) (n * interval);
                Call call = calls.apply((int) n);
                send(call).onComplete(ar -> {
                    long t = System.nanoTime();
                    if (intended >= warmEnd) {
                        if (ar.succeeded() && ar.result() == call.expectedStatus()) {
                            latencies[recorded.getAndIncrement()] = t - intended;
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                    finished.incrementAndGet();
                });
            }
            if (issued.get() >= total) {
                vertx.cancelTimer(id);
                allIssued.complete(null);
            }
        });
        allIssued.get((long) (warmup + seconds) * 3 + 30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (finished.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return result(latencies, recorded.get(), failures.get() + (total - finished.get()), seconds);
    }

    private static Result result(long[] nanos, int count, long failures, double seconds) {
        int n = Math.min(count, nanos.length);
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        Arrays.sort(ms);
        return new Result(ms, failures, seconds);
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }

    static String summary(Result r) {
        return String.format("%,.0f req/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, %d failed",
                r.throughput(), r.percentile(50), r.percentile(90), r.percentile(99), r.percentile(100), r.failures());
    }

    static List<Double> percentiles(Result r) {
        return List.of(r.percentile(50), r.percentile(99));
    }
}
