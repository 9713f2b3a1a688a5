package id.perisai.api.security.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

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
 * Ciphertext layout: {@code version(1) || nonce(12) || ciphertext || tag(16)}; the version byte leaves room for key
 * rotation.
 */
@ApplicationScoped
public class PiiCrypto {

    static final byte FORMAT_V1 = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public PiiCrypto(PerisaiConfig config) {
        this(config.pii().encryptionKey(), config.pii().indexKey(), LaunchMode.current() == LaunchMode.NORMAL);
    }

    PiiCrypto(String encryptionKeyBase64, String indexKeyBase64, boolean production) {
        byte[] enc = PiiKeys.parse(encryptionKeyBase64, "PERISAI_PII_ENCRYPTION_KEY", production);
        byte[] idx = PiiKeys.parse(indexKeyBase64, "PERISAI_PII_INDEX_KEY", production);
        if (MessageDigest.isEqual(enc, idx)) {
            throw new IllegalStateException("PERISAI_PII_ENCRYPTION_KEY and PERISAI_PII_INDEX_KEY must be different keys");
        }
        this.encryptionKey = new SecretKeySpec(enc, "AES");
        this.indexKey = new SecretKeySpec(idx, "HmacSHA256");
        Arrays.fill(enc, (byte) 0);
        Arrays.fill(idx, (byte) 0);
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
            cipher.updateAAD(new byte[] { FORMAT_V1 });
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_V1).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Decrypts a value produced by {@link #encrypt}; tampered or foreign ciphertext fails. */
    public String decrypt(byte[] ciphertext) {
        if (ciphertext == null || ciphertext.length < 1 + NONCE_BYTES + TAG_BITS / 8 || ciphertext[0] != FORMAT_V1) {
            throw new IllegalArgumentException("not a PII ciphertext of a known format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, ciphertext, 1, NONCE_BYTES));
            cipher.updateAAD(new byte[] { FORMAT_V1 });
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
