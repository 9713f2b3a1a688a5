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

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.util.KeyUtils;

/**
 * The RSA key our OAuth2 issuer signs access tokens with ({@code SMALLRYE_JWT_SIGN_KEY_LOCATION}, PKCS#8 PEM, file,
 * classpath or URL), its public half, and its key id: the RFC 7638 thumbprint, so the same key always has the same
 * {@code kid} in tokens, in {@code /.well-known/jwks.json} and in a JWKS built from it.
 */
@ApplicationScoped
public class SigningKey {

    static final int MIN_BITS = 2048;

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    public SigningKey(@ConfigProperty(name = "smallrye.jwt.sign.key.location") String location) {
        RSAPrivateCrtKey key = load(location);
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
        this.keyId = thumbprint(publicKey);
    }

    private static RSAPrivateCrtKey load(String location) {
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
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", keyId);
        jwk.put("n", base64Url(publicKey.getModulus()));
        jwk.put("e", base64Url(publicKey.getPublicExponent()));
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
