package id.perisai.api.security.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import id.perisai.api.common.config.PerisaiConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Protection of personal data at rest. Values such as the NIK are stored only as AES-256-GCM ciphertext (random
 * 96-bit nonce per value) and looked up through a blind index, an HMAC-SHA256 of the canonical value under a second,
 * separate key. Keys come from configuration ({@code PERISAI_PII_ENCRYPTION_KEY}, {@code PERISAI_PII_INDEX_KEY}),
 * never from the database; start-up fails when they are missing or malformed.
 *
 * <p>
 * Ciphertext layout: {@code version(1) || nonce(12) || ciphertext || tag(16)}, the version (also authenticated as
 * associated data) naming the key: the current key encrypts, earlier ones ({@code PERISAI_PII_PREVIOUS_ENCRYPTION_KEYS})
 * still decrypt while {@code PiiKeyRotation} re-encrypts what they protect.
 */
@ApplicationScoped
public class PiiCrypto {

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    /** Encryption keys by version (the first byte of a ciphertext); the current one encrypts. */
    private final SecretKeySpec[] keys = new SecretKeySpec[256];
    private final int currentVersion;
    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public PiiCrypto(PerisaiConfig config) {
        this(config.pii().encryptionKey(), config.pii().encryptionKeyVersion(),
                config.pii().previousEncryptionKeys().orElse(List.of()), config.pii().indexKey(),
                LaunchMode.current() == LaunchMode.NORMAL);
    }

    PiiCrypto(String encryptionKeyBase64, String indexKeyBase64, boolean production) {
        this(encryptionKeyBase64, 1, List.of(), indexKeyBase64, production);
    }

    /**
     * For tools and tests; the service builds its instance from configuration.
     *
     * @param previous earlier keys as {@code version:base64}, for decryption only
     */
    public PiiCrypto(String encryptionKeyBase64, int version, List<String> previous, String indexKeyBase64,
            boolean production) {
        if (version < 1 || version > 255) {
            throw new IllegalStateException("PERISAI_PII_ENCRYPTION_KEY_VERSION must be between 1 and 255");
        }
        byte[] idx = PiiKeys.parse(indexKeyBase64, "PERISAI_PII_INDEX_KEY", production);
        this.currentVersion = version;
        this.encryptionKey = key(encryptionKeyBase64, "PERISAI_PII_ENCRYPTION_KEY", production, idx);
        keys[version] = encryptionKey;
        for (String entry : previous) {
            int colon = entry.indexOf(':');
            int old;
            try {
                old = Integer.parseInt(entry.substring(0, Math.max(0, colon)).trim());
            } catch (NumberFormatException e) {
                old = -1;
            }
            if (old < 1 || old > 255) {
                throw new IllegalStateException("PERISAI_PII_PREVIOUS_ENCRYPTION_KEYS: each entry is version:base64 with a"
                        + " version between 1 and 255");
            }
            if (keys[old] != null) {
                throw new IllegalStateException("PERISAI_PII_PREVIOUS_ENCRYPTION_KEYS: version " + old + " is given twice"
                        + " (or is the current PERISAI_PII_ENCRYPTION_KEY_VERSION)");
            }
            keys[old] = key(entry.substring(colon + 1), "PERISAI_PII_PREVIOUS_ENCRYPTION_KEYS (version " + old + ")",
                    production, idx);
        }
        this.indexKey = new SecretKeySpec(idx, "HmacSHA256");
        Arrays.fill(idx, (byte) 0);
    }

    private static SecretKeySpec key(String base64, String variable, boolean production, byte[] indexKey) {
        byte[] enc = PiiKeys.parse(base64, variable, production);
        if (MessageDigest.isEqual(enc, indexKey)) {
            throw new IllegalStateException(variable + " and PERISAI_PII_INDEX_KEY must be different keys");
        }
        SecretKeySpec spec = new SecretKeySpec(enc, "AES");
        Arrays.fill(enc, (byte) 0);
        return spec;
    }

    /** The version of the key that encrypts now. */
    public int currentKeyVersion() {
        return currentVersion;
    }

    /** Whether earlier keys are configured (a key rotation is under way). */
    public boolean rotating() {
        for (int v = 1; v < keys.length; v++) {
            if (v != currentVersion && keys[v] != null) {
                return true;
            }
        }
        return false;
    }

    /** The ciphertext under the current key (the same value, a fresh nonce); unchanged if it already is. */
    public byte[] reencrypt(byte[] ciphertext) {
        if (ciphertext != null && ciphertext.length > 0 && (ciphertext[0] & 0xff) == currentVersion) {
            return ciphertext;
        }
        return encrypt(decrypt(ciphertext));
    }

    /** Creates the bean at start-up, so missing or malformed keys stop the service before it serves anything. */
    void validateKeysAtStartup(@Observes StartupEvent event) {
        // constructing this bean parsed and checked both keys
    }

    /** Cipher and MAC instances per thread: looking them up for every value costs more than using them. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    });
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** Encrypts a value; every call uses a fresh nonce, so equal values give different ciphertexts. */
    public byte[] encrypt(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(new byte[] { (byte) currentVersion });
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put((byte) currentVersion).put(nonce).put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Decrypts a value produced by {@link #encrypt}; tampered or foreign ciphertext fails. */
    public String decrypt(byte[] ciphertext) {
        if (ciphertext == null || ciphertext.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("not a PII ciphertext of a known format");
        }
        SecretKeySpec key = keys[ciphertext[0] & 0xff];
        if (key == null) {
            throw new IllegalArgumentException("PII ciphertext of key version " + (ciphertext[0] & 0xff)
                    + ", which is not configured (PERISAI_PII_PREVIOUS_ENCRYPTION_KEYS)");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 1, NONCE_BYTES));
            cipher.updateAAD(new byte[] { ciphertext[0] });
            byte[] plain = cipher.doFinal(ciphertext, 1 + NONCE_BYTES, ciphertext.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("PII ciphertext cannot be decrypted (wrong key or tampered)");
        }
    }

    /** The blind index of a canonical value: deterministic, keyed, not reversible without the index key. */
    public byte[] blindIndex(String canonicalValue) {
        return macs.get().doFinal(canonicalValue.getBytes(StandardCharsets.UTF_8));
    }
}
