package id.perisai.api.webhook.delivery;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import id.perisai.api.security.crypto.PiiCrypto;
import id.perisai.api.webhook.WebhookConfig;
import id.perisai.api.webhook.delivery.DestinationPolicy.Destination;
import id.perisai.api.webhook.delivery.DestinationPolicy.RefusedException;
import id.perisai.api.webhook.repository.DeliveryQueue;
import id.perisai.api.webhook.repository.DeliveryQueue.Claimed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Sends due webhook deliveries, on every replica: every {@code PERISAI_WEBHOOK_POLL_INTERVAL}, and at once when an event
 * of this replica commits ({@link #wake}). Each attempt resolves the host, refuses internal addresses
 * ({@link DestinationPolicy}), connects to the checked address (Host and TLS SNI stay the URL's host), POSTs the
 * signed body (Standard Webhooks headers), follows no redirect, gives up after {@code PERISAI_WEBHOOK_TIMEOUT} (connect
 * and answer) and reads at most 4 KiB of the answer, which is never stored. A 2xx is success; anything else is retried
 * on the schedule with jitter, then FAILED.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** The most of an answer that is read (and then dropped). */
    static final int MAX_ANSWER_BYTES = 4096;

    private final Vertx vertx;
    private final DeliveryQueue queue;
    private final PiiCrypto crypto;
    private final WebhookConfig config;
    private final DestinationPolicy policy;
    private final MeterRegistry registry;
    private final Timer lag;
    /** A claim statement is on its way (one at a time per replica). */
    private final AtomicBoolean claiming = new AtomicBoolean();
    /** More deliveries may be due than were claimed: a wake while claiming or with every slot taken, or a full claim. */
    private final AtomicBoolean backlog = new AtomicBoolean();
    /** Attempts started and not yet stored. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private HttpClient client;
    private long timer = -1;

    public WebhookDispatcher(Vertx vertx, DeliveryQueue queue, PiiCrypto crypto, WebhookConfig config,
            MeterRegistry registry) {
        this.vertx = vertx;
        this.queue = queue;
        this.crypto = crypto;
        this.config = config;
        this.policy = new DestinationPolicy(config.allowedHosts());
        this.registry = registry;
        this.lag = Timer.builder("perisai.webhook.delivery.lag")
                .description("Time from an event to the first attempt to deliver it").publishPercentileHistogram()
                .register(registry);
    }

    public DestinationPolicy policy() {
        return policy;
    }

    void start(@Observes StartupEvent event) {
        int timeout = (int) config.timeout().toMillis();
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout).setKeepAlive(false)
                .setMaxRedirects(0).setVerifyHost(true).setTrustAll(false).setMaxPoolSize(config.concurrency()));
        if (!config.deliveryEnabled()) {
            return;
        }
        running = true;
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Looks for due deliveries now (after a commit that wrote some, or a manual retry). */
    public void wake() {
        if (!running) {
            return;
        }
        backlog.set(true);
        pump();
    }

    /**
     * Claims as many due deliveries as there are free slots ({@code PERISAI_WEBHOOK_CONCURRENCY} attempts in flight)
     * and starts them. A sliding window rather than rounds: a slot freed by a finished attempt is refilled while the
     * others are still on their way, so one slow receiver does not hold back the deliveries queued behind its round
     * (P9 measures the lag from an event to its first attempt). Small refills are gathered: a claim is made for a
     * quarter of the slots at least, or when nothing is in flight.
     */
    private void pump() {
        int free = config.concurrency() - inFlight.get();
        if (!running || !backlog.get() || free <= 0) {
            return;
        }
        if (free < Math.max(1, config.concurrency() / 4) && inFlight.get() > 0) {
            return; // refilled when more slots are free
        }
        if (!claiming.compareAndSet(false, true)) {
            return; // the claim on its way pumps again when it returns (backlog is set)
        }
        backlog.set(false);
        queue.claim(free, config.claimLease()).subscribe().with(claimed -> {
            inFlight.addAndGet(claimed.size());
            if (claimed.size() == free) {
                backlog.set(true); // perhaps more are due
            }
            claiming.set(false);
            for (Claimed d : claimed) {
                attempt(d).subscribe().with(v -> finished(), failure -> finished());
            }
            pump();
        }, failure -> {
            claiming.set(false);
            LOG.warnf("webhook deliveries could not be claimed: %s", failure.getClass().getSimpleName());
        });
    }

    private void finished() {
        inFlight.decrementAndGet();
        pump();
    }

    /** One attempt of one delivery, and its outcome stored. */
    Uni<Void> attempt(Claimed d) {
        Instant started = Instant.now();
        if (d.firstAttempt()) {
            lag.record(Duration.between(d.occurredAt(), started));
        }
        return Uni.createFrom().completionStage(() -> send(d).toCompletionStage())
                .onFailure().recoverWithItem(failure -> Outcome.error(errorCode(failure)))
                .flatMap(outcome -> {
                    if (outcome.success()) {
                        count(d, "succeeded");
                        return queue.succeeded(d, started, outcome.status());
                    }
                    Duration retryIn = retryIn(d.attempts() + 1);
                    count(d, retryIn == null ? "failed" : "retry");
                    return queue.failed(d, started, outcome.status(), outcome.error(), retryIn, config.disableAfter())
                            .invoke(disabled -> {
                                if (disabled) {
                                    LOG.infof("webhook endpoint %s disabled: every delivery failed for %s",
                                            d.endpointId(), config.disableAfter());
                                }
                            }).replaceWithVoid();
                })
                .onFailure().invoke(failure -> LOG.warnf("outcome of webhook delivery %s not stored (%s): it is sent"
                        + " again after its lease", d.id(), failure.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void count(Claimed d, String outcome) {
        Counter.builder("perisai.webhook.deliveries").description("Webhook delivery attempts by event type and outcome")
                .tag("event", d.eventType()).tag("outcome", outcome).register(registry).increment();
    }

    /** The wait before the next attempt after {@code attemptsMade} failed ones, with jitter; null when none is left. */
    Duration retryIn(int attemptsMade) {
        List<Duration> schedule = config.retrySchedule();
        if (attemptsMade > schedule.size()) {
            return null;
        }
        Duration base = schedule.get(attemptsMade - 1);
        double factor = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * config.jitter();
        return Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * factor)));
    }

    /** What an attempt came to: a status code, or an error code (no status). */
    record Outcome(Integer status, String error) {
        static Outcome error(String code) {
            return new Outcome(null, code);
        }

        boolean success() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private Future<Outcome> send(Claimed d) {
        return vertx.<Destination> executeBlocking(() -> {
            try {
                return policy.resolve(d.url(), InetAddress::getAllByName);
            } catch (RefusedException refused) {
                throw refused;
            }
        }, false).compose(destination -> post(d, destination));
    }

    private Future<Outcome> post(Claimed d, Destination destination) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(crypto.decrypt(d.secretCipher()));
        if (d.previousSecretCipher() != null && d.previousSecretUntil() != null
                && d.previousSecretUntil().isAfter(Instant.now())) {
            secrets.add(crypto.decrypt(d.previousSecretCipher()));
        }
        long timestamp = Instant.now().getEpochSecond();
        String signature = Signatures.header(secrets, d.eventId(), timestamp, d.payload());
        long timeout = config.timeout().toMillis();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(destination.port(), destination.address().getHostAddress()))
                .setHost(destination.host()).setPort(destination.port()).setSsl(destination.https())
                .setURI(destination.requestUri()).setFollowRedirects(false).setConnectTimeout(timeout)
                .setIdleTimeout(timeout)
                .putHeader("content-type", "application/json").putHeader("user-agent", "Perisai-Webhooks/1")
                .putHeader("webhook-id", d.eventId()).putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signature);
        Promise<Outcome> result = Promise.promise();
        long deadline = vertx.setTimer(timeout, t -> result.tryFail(new AttemptTimeout()));
        client.request(options).onFailure(result::tryFail).onSuccess(request -> {
            result.future().onComplete(done -> {
                if (done.failed()) {
                    request.reset();
                }
            });
            request.send(Buffer.buffer(d.payload())).onFailure(result::tryFail).onSuccess(response -> {
                int status = response.statusCode();
                int[] read = { 0 };
                response.handler(chunk -> {
                    read[0] += chunk.length();
                    if (read[0] >= MAX_ANSWER_BYTES) {
                        // enough: the answer is never stored, only its status counts
                        result.tryComplete(new Outcome(status, null));
                        request.connection().close();
                    }
                });
                response.exceptionHandler(e -> result.tryComplete(new Outcome(status, null)));
                response.endHandler(v -> result.tryComplete(new Outcome(status, null)));
            });
        });
        return result.future().onComplete(done -> vertx.cancelTimer(deadline));
    }

    static final class AttemptTimeout extends Exception {
        AttemptTimeout() {
            super("timeout", null, false, false);
        }
    }

    static String errorCode(Throwable failure) {
        if (failure instanceof RefusedException refused) {
            return refused.refusal().name();
        }
        if (failure instanceof AttemptTimeout || failure instanceof io.netty.channel.ConnectTimeoutException
                || failure instanceof java.util.concurrent.TimeoutException
                || failure.getClass().getSimpleName().contains("Timeout")) {
            return "TIMEOUT";
        }
        if (failure instanceof javax.net.ssl.SSLException) {
            return "TLS_FAILED";
        }
        if (failure instanceof java.net.ConnectException) {
            return "CONNECTION_REFUSED";
        }
        return "CONNECTION_FAILED";
    }
}
