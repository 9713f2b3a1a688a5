package id.perisai.api.security.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

import id.perisai.api.common.config.PerisaiConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Client secrets are stored as bcrypt hashes (Modular Crypt format) and checked by recomputing the hash with the
 * stored salt and cost and comparing in constant time. Hashing is deliberately slow, so it runs on a worker thread
 * and at most {@code perisai.oauth.max-concurrent-secret-checks} at a time.
 */
@ApplicationScoped
public class SecretHasher {

    /** A valid hash of a random value: unknown client ids are checked against it so they cost the same time. */
    private final String decoyHash;
    private final int cost;
    private final Semaphore permits;
    private final Vertx vertx;
    private final SecureRandom random = new SecureRandom();

    public SecretHasher(PerisaiConfig config, Vertx vertx) {
        this.cost = config.oauth().secretHashCost();
        this.permits = new Semaphore(config.oauth().maxConcurrentSecretChecks());
        this.vertx = vertx;
        byte[] decoy = new byte[24];
        random.nextBytes(decoy);
        this.decoyHash = BcryptUtil.bcryptHash(java.util.HexFormat.of().formatHex(decoy), cost);
    }

    /** Thrown when too many secret checks are already running. */
    public static class BusyException extends RuntimeException {
        public BusyException() {
            super("secret checks saturated", null, false, false);
        }
    }

    /** bcrypt hash of a new secret (blocking: call from a worker thread). */
    public String hashBlocking(String secret) {
        return BcryptUtil.bcryptHash(secret, cost);
    }

    /** Hashes on a worker thread and resumes on the caller's Vert.x context. */
    public Uni<String> hash(String secret) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hashBlocking(secret)));
    }

    /**
     * Checks a presented secret against a stored hash (or against a decoy when the client is unknown, so both take
     * the same time) on a worker thread; fails with {@link BusyException} when saturated.
     */
    public <T> Uni<T> verifyThen(String secret, String storedHashOrNull, java.util.function.Function<Boolean, T> then) {
        if (!permits.tryAcquire()) {
            return Uni.createFrom().failure(new BusyException());
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                boolean ok = matchesBlocking(secret, storedHashOrNull == null ? decoyHash : storedHashOrNull)
                        && storedHashOrNull != null;
                return then.apply(ok);
            } finally {
                permits.release();
            }
        }));
    }

    /** Constant-time check of a secret against a Modular Crypt bcrypt hash (blocking). */
    public boolean matchesBlocking(String secret, String modularCryptHash) {
        if (secret == null || modularCryptHash == null) {
            return false;
        }
        try {
            Password decoded = ModularCrypt.decode(modularCryptHash);
            if (!(decoded instanceof BCryptPassword stored)) {
                return false;
            }
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT);
            BCryptPassword computed = (BCryptPassword) factory.generatePassword(new EncryptablePasswordSpec(
                    secret.toCharArray(),
                    new IteratedSaltedPasswordAlgorithmSpec(stored.getIterationCount(), stored.getSalt())));
            return MessageDigest.isEqual(stored.getHash(), computed.getHash());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
