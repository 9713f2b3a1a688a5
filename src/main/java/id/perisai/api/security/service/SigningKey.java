package id.perisai.api.security.service;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.util.KeyUtils;

/**
 * The RSA key our OAuth2 issuer signs access tokens with ({@code SMALLRYE_JWT_SIGN_KEY_LOCATION}, PKCS#8 PEM, file,
 * classpath or URL), its public half, and its key id: the {@code kid} of the verification keys' entry
 * ({@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}) that holds the same key material, whatever it is called there; the RFC
 * 7638 thumbprint when that entry has no kid of its own (or the keys are a PEM). Tokens, {@code /.well-known/jwks.json}
 * and the verifiers thus agree on it. Start-up fails, saying what is wrong, when the public half is not among the
 * verification keys.
 */
@ApplicationScoped
public class SigningKey {

    static final int MIN_BITS = 2048;

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    @Inject
    public SigningKey(@ConfigProperty(name = "smallrye.jwt.sign.key.location") String location,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> verificationKeys) {
        this(load(location), verificationKeys.map(SigningKey::read));
    }

    /** For tools and tests: the key and the verification keys' content (JWKS or PEM), if any. */
    SigningKey(RSAPrivateCrtKey key, Optional<String> verificationKeys) {
        if (key.getModulus().bitLength() < MIN_BITS) {
            throw new IllegalStateException("SMALLRYE_JWT_SIGN_KEY_LOCATION: RSA keys need at least " + MIN_BITS + " bits");
        }
        try {
            this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SMALLRYE_JWT_SIGN_KEY_LOCATION: cannot derive the public key", e);
        }
        this.privateKey = key;
        String thumbprint = thumbprint(publicKey);
        this.keyId = verificationKeys.map(content -> VerificationKeys.keyIdFor(publicKey, thumbprint, content))
                .orElse(thumbprint);
    }

    private static String read(String location) {
        try {
            return KeyUtils.readKeyContent(location);
        } catch (Exception e) {
            throw new IllegalStateException("MP_JWT_VERIFY_PUBLICKEY_LOCATION cannot be read");
        }
    }

    static RSAPrivateCrtKey load(String location) {
        PrivateKey key;
        try {
            key = KeyUtils.decodePrivateKey(KeyUtils.readKeyContent(location));
        } catch (Exception e) {
            throw new IllegalStateException(
                    "SMALLRYE_JWT_SIGN_KEY_LOCATION does not point to a readable RSA private key in PKCS#8 PEM form");
        }
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("SMALLRYE_JWT_SIGN_KEY_LOCATION must be an RSA private key (PKCS#8 PEM)");
        }
        return rsa;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as a JWK (RFC 7517). */
    public Map<String, Object> publicJwk() {
        return jwk(publicKey, keyId);
    }

    /** An RSA public key as the JWK of an RS256 signing key. */
    static Map<String, Object> jwk(RSAPublicKey key, String keyId) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", keyId);
        jwk.put("n", base64Url(key.getModulus()));
        jwk.put("e", base64Url(key.getPublicExponent()));
        return jwk;
    }

    static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64Url(key.getModulus()) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
