package id.perisai.api.security.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

import id.perisai.api.common.config.PerisaiConfig;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Client secrets are 256 random bits, so they are stored as a keyed fast hash (quality.md S5/S7): HMAC-SHA256 under a
 * server key from configuration ({@code PERISAI_OAUTH_SECRET_HASH_KEY}), never in the database, over the client id and
 * the secret. A stored hash reads {@code $hmac-sha256$<key id>$<base64url MAC>}: the key id lets the key be rotated
 * (earlier keys in {@code PERISAI_OAUTH_PREVIOUS_SECRET_HASH_KEYS} still verify, and the token endpoint rewrites such a
 * hash under the current key at the client's next successful request). Comparison is constant-time, and an unknown
 * client id costs one HMAC like a wrong secret does.
 *
 * <p>
 * Hashes written by earlier versions are bcrypt; they are still verified — slowly, on a worker thread — until the
 * client's next successful request rewrites them.
 */
@ApplicationScoped
public class SecretHasher {

    static final String PREFIX = "$hmac-sha256$";
    static final String ALGORITHM = "HmacSHA256";
    static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9._-]{1,16}$");
    static final int MAC_BYTES = 32;
    private static final Logger LOG = Logger.getLogger(SecretHasher.class);
    private static final WildFlyElytronPasswordProvider ELYTRON = new WildFlyElytronPasswordProvider();

    /** The outcome of a check: whether the secret matches, and whether its stored hash should be rewritten. */
    public record Check(boolean matches, boolean rehash) {
        static final Check MISMATCH = new Check(false, false);
    }

    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    /** What an unknown client's secret is compared with: the same work as for a known one. */
    private final byte[] decoy = new byte[MAC_BYTES];
    private final Vertx vertx;

    @Inject
    public SecretHasher(PerisaiConfig config, Vertx vertx) {
        this(config.oauth().secretHashKey(), config.oauth().secretHashKeyId(),
                config.oauth().previousSecretHashKeys().orElse(List.of()), LaunchMode.current() == LaunchMode.NORMAL,
                vertx);
    }

    /**
     * @param previous other keys that verify, {@code id:base64}
     * @param production whether the public dev/test keys are refused
     */
    public SecretHasher(String keyBase64, String keyId, List<String> previous, boolean production, Vertx vertx) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalStateException("PERISAI_OAUTH_SECRET_HASH_KEY_ID must be 1–16 letters, digits, '.', '_' or '-'");
        }
        this.currentId = keyId;
        keys.put(keyId, key(keyBase64, "PERISAI_OAUTH_SECRET_HASH_KEY", production));
        for (String entry : previous) {
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).trim();
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException("PERISAI_OAUTH_PREVIOUS_SECRET_HASH_KEYS: each entry is id:base64 with an"
                        + " id of 1–16 letters, digits, '.', '_' or '-'");
            }
            if (keys.containsKey(id)) {
                throw new IllegalStateException("PERISAI_OAUTH_PREVIOUS_SECRET_HASH_KEYS: key id " + id
                        + " is given twice (or is PERISAI_OAUTH_SECRET_HASH_KEY_ID)");
            }
            keys.put(id, key(entry.substring(colon + 1), "PERISAI_OAUTH_PREVIOUS_SECRET_HASH_KEYS (key id " + id + ")",
                    production));
        }
        new SecureRandom().nextBytes(decoy);
        this.vertx = vertx;
    }

    private static SecretKeySpec key(String base64, String variable, boolean production) {
        byte[] bytes = PiiKeys.parse(base64, variable, production);
        SecretKeySpec key = new SecretKeySpec(bytes, ALGORITHM);
        java.util.Arrays.fill(bytes, (byte) 0);
        return key;
    }

    /** The stored form of a new secret, under the current key. */
    public String hash(String clientId, String secret) {
        return PREFIX + currentId + "$"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(keys.get(currentId), clientId, secret));
    }

    /**
     * Checks a presented secret against the stored hash, or against a decoy when the client is unknown
     * ({@code stored} null). Keyed hashes are checked at once (a few microseconds); a legacy bcrypt hash on a worker
     * thread.
     */
    public Uni<Check> verify(String clientId, String secret, String stored) {
        if (stored != null && stored.startsWith("$2")) {
            return vertx.executeBlocking(Uni.createFrom()
                    .item(() -> matchesBcrypt(secret, stored) ? new Check(true, true) : Check.MISMATCH));
        }
        return Uni.createFrom().item(check(clientId, secret, stored));
    }

    /** The check of a keyed hash (or of nothing: an unknown client), on the calling thread. */
    Check check(String clientId, String secret, String stored) {
        String keyId = null;
        byte[] expected = decoy;
        if (stored != null && stored.startsWith(PREFIX)) {
            int dollar = stored.indexOf('$', PREFIX.length());
            if (dollar > 0) {
                keyId = stored.substring(PREFIX.length(), dollar);
                try {
                    expected = Base64.getUrlDecoder().decode(stored.substring(dollar + 1));
                } catch (IllegalArgumentException e) {
                    expected = decoy;
                    keyId = null;
                }
            }
        }
        SecretKeySpec key = keyId == null ? null : keys.get(keyId);
        if (keyId != null && key == null) {
            LOG.warnf("A stored client secret hash is under key id %s, which is not configured"
                    + " (PERISAI_OAUTH_PREVIOUS_SECRET_HASH_KEYS): that client cannot authenticate", keyId);
        }
        // always one HMAC and one constant-time comparison, whatever was found
        byte[] computed = mac(key == null ? keys.get(currentId) : key, clientId, secret == null ? "" : secret);
        boolean matches = MessageDigest.isEqual(computed, expected) && key != null && stored != null;
        return matches ? new Check(true, !currentId.equals(keyId)) : Check.MISMATCH;
    }

    /** Whether the stored hash is the current key's hash of this secret (nothing to rewrite). */
    public boolean isCurrent(String clientId, String secret, String stored) {
        return stored != null && stored.startsWith(PREFIX + currentId + "$")
                && check(clientId, secret, stored).equals(new Check(true, false));
    }

    static byte[] mac(SecretKeySpec key, String clientId, String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // the client id is part of the input: a hash copied to another client's row does not verify there
            mac.update(clientId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time check of a secret against a Modular Crypt bcrypt hash (blocking: legacy hashes only). */
    static boolean matchesBcrypt(String secret, String modularCryptHash) {
        if (secret == null || modularCryptHash == null) {
            return false;
        }
        try {
            Password decoded = ModularCrypt.decode(modularCryptHash);
            if (!(decoded instanceof BCryptPassword stored)) {
                return false;
            }
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, ELYTRON);
            BCryptPassword computed = (BCryptPassword) factory.generatePassword(new EncryptablePasswordSpec(
                    secret.toCharArray(),
                    new IteratedSaltedPasswordAlgorithmSpec(stored.getIterationCount(), stored.getSalt())));
            return MessageDigest.isEqual(stored.getHash(), computed.getHash());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
