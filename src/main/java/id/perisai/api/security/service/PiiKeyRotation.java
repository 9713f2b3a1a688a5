package id.perisai.api.security.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import id.perisai.api.security.crypto.PiiCrypto;
import id.perisai.api.security.repository.CiphertextRepository;
import id.perisai.api.security.repository.CiphertextRepository.Column;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Rotation of the personal-data encryption key: while earlier keys are configured
 * ({@code PERISAI_PII_PREVIOUS_ENCRYPTION_KEYS}), every replica re-encrypts, a few hundred rows per transaction, what
 * is still under an earlier key — participants' and agents' NIKs, agents' and partners' account numbers — and
 * publishes what is left as {@code perisai_pii_ciphertexts_to_reencrypt}. Rows are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and never undo each other's.
 */
@ApplicationScoped
public class PiiKeyRotation {

    private static final Logger LOG = Logger.getLogger(PiiKeyRotation.class);
    static final int ROWS_PER_TRANSACTION = 500;
    static final int TRANSACTIONS_PER_RUN = 200;

    private final PiiCrypto crypto;
    private final CiphertextRepository ciphertexts;
    private final AtomicLong remaining = new AtomicLong();

    public PiiKeyRotation(PiiCrypto crypto, CiphertextRepository ciphertexts, MeterRegistry registry) {
        this.crypto = crypto;
        this.ciphertexts = ciphertexts;
        registry.gauge("perisai.pii.ciphertexts.to.reencrypt", remaining);
    }

    @Scheduled(every = "${perisai.pii.rotation-interval:1m}", delayed = "20s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return crypto.rotating() ? run() : Uni.createFrom().voidItem();
    }

    /** One run: re-encrypts up to a bounded amount, then counts what is left. */
    public Uni<Void> run() {
        Uni<Integer> work = Uni.createFrom().item(0);
        for (Column column : CiphertextRepository.COLUMNS) {
            work = work.flatMap(done -> drain(column, TRANSACTIONS_PER_RUN).map(n -> done + n));
        }
        return work.flatMap(done -> ciphertexts.remaining(crypto.currentKeyVersion()).invoke(left -> {
            remaining.set(left);
            if (done > 0) {
                LOG.infof("Re-encrypted %d personal-data values under key version %d; %d left", done,
                        crypto.currentKeyVersion(), left);
            }
        })).replaceWithVoid();
    }

    private Uni<Integer> drain(Column column, int transactionsLeft) {
        if (transactionsLeft == 0) {
            return Uni.createFrom().item(0);
        }
        return ciphertexts.reencrypt(column, crypto.currentKeyVersion(), ROWS_PER_TRANSACTION, crypto::reencrypt)
                .flatMap(n -> n < ROWS_PER_TRANSACTION ? Uni.createFrom().item(n)
                        : drain(column, transactionsLeft - 1).map(more -> n + more));
    }
}
