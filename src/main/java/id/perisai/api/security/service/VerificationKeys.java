package id.perisai.api.security.service;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import io.smallrye.jwt.util.KeyUtils;

/**
 * Finds the signing key's public half among the verification keys ({@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}) by its
 * key material — modulus and exponent — whatever the entry is called: operators' key management names keys its own
 * way ({@code "kid":"perisai-2026-11"}), and our tokens must carry the name the verifiers know. When it is not there,
 * the message says precisely what is wrong, naming key ids and the thumbprint, never key material.
 */
public final class VerificationKeys {

    static final String ADD_IT = "print its entry with: java -jar quarkus-run.jar jwks <the signing key's PEM file>";

    private VerificationKeys() {
    }

    /**
     * The {@code kid} our tokens carry.
     *
     * @param signing the public half of the signing key
     * @param thumbprint its RFC 7638 thumbprint, the kid when the matching entry has none of its own
     * @param content the verification keys: a JWKS, one JWK, a PEM public key or certificate
     */
    public static String keyIdFor(RSAPublicKey signing, String thumbprint, String content) {
        String trimmed = content == null ? "" : content.trim();
        if (trimmed.startsWith("{")) {
            return fromJwks(signing, thumbprint, trimmed);
        }
        PublicKey pem = pem(trimmed);
        if (!(pem instanceof RSAPublicKey rsa) || !sameKey(rsa, signing)) {
            throw new IllegalStateException("The public half of SMALLRYE_JWT_SIGN_KEY_LOCATION (" + describe(signing,
                    thumbprint) + ") is not the key at MP_JWT_VERIFY_PUBLICKEY_LOCATION (a PEM " + kind(pem)
                    + "): tokens issued by /oauth2/token would be refused. Point MP_JWT_VERIFY_PUBLICKEY_LOCATION at a"
                    + " JWKS holding both keys; " + ADD_IT);
        }
        return thumbprint;
    }

    private static String fromJwks(RSAPublicKey signing, String thumbprint, String json) {
        List<JsonWebKey> keys;
        try {
            keys = KeyUtils.loadJsonWebKeys(json);
        } catch (RuntimeException e) {
            keys = null;
        }
        if (keys == null || keys.isEmpty()) {
            throw new IllegalStateException("MP_JWT_VERIFY_PUBLICKEY_LOCATION holds no JSON Web Key that can be read");
        }
        List<String> kids = new ArrayList<>();
        boolean thumbprintTaken = false;
        for (JsonWebKey key : keys) {
            kids.add(key.getKeyId() == null ? "(no kid)" : key.getKeyId());
            thumbprintTaken |= thumbprint.equals(key.getKeyId());
            if (!(key instanceof RsaJsonWebKey rsa) || !sameKey(rsa.getRsaPublicKey(), signing)) {
                continue;
            }
            String entry = key.getKeyId() == null ? "the entry of the signing key"
                    : "the entry of the signing key (kid "
                            + key.getKeyId() + ")";
            if (key.getAlgorithm() != null && !"RS256".equals(key.getAlgorithm())) {
                throw new IllegalStateException("MP_JWT_VERIFY_PUBLICKEY_LOCATION: " + entry + " says \"alg\":\""
                        + key.getAlgorithm() + "\", but our tokens are RS256: make it RS256 or leave alg out");
            }
            if (key.getUse() != null && !"sig".equals(key.getUse())) {
                throw new IllegalStateException("MP_JWT_VERIFY_PUBLICKEY_LOCATION: " + entry + " says \"use\":\""
                        + key.getUse() + "\": make it \"sig\" or leave use out");
            }
            if (key.getKeyId() == null) {
                if (keys.size() > 1) {
                    // SmallRye picks a key by the token's kid; without one only a single-key set works
                    throw new IllegalStateException("MP_JWT_VERIFY_PUBLICKEY_LOCATION: the entry of the signing key"
                            + " has no kid, and the set holds " + keys.size() + " keys, so no token could be matched to"
                            + " it: give it a kid (" + ADD_IT + ")");
                }
                return thumbprint;
            }
            return key.getKeyId();
        }
        throw new IllegalStateException("The public half of SMALLRYE_JWT_SIGN_KEY_LOCATION (" + describe(signing, thumbprint)
                + ") is not among the " + keys.size() + " key(s) of MP_JWT_VERIFY_PUBLICKEY_LOCATION (kids: "
                + String.join(", ", kids) + ")"
                + (thumbprintTaken ? "; the entry with kid " + thumbprint + " holds another key" : "")
                + ": tokens issued by /oauth2/token would be refused. Add it to the set; " + ADD_IT);
    }

    static boolean sameKey(RSAPublicKey a, RSAPublicKey b) {
        return a.getModulus().equals(b.getModulus()) && a.getPublicExponent().equals(b.getPublicExponent());
    }

    static String describe(RSAPublicKey key, String thumbprint) {
        return "RSA, " + key.getModulus().bitLength() + " bits, RFC 7638 thumbprint " + thumbprint;
    }

    private static PublicKey pem(String content) {
        try {
            return content.contains("CERTIFICATE") ? KeyUtils.decodeCertificate(content) : KeyUtils.decodePublicKey(content);
        } catch (Exception e) {
            throw new IllegalStateException("MP_JWT_VERIFY_PUBLICKEY_LOCATION holds neither a JWKS nor a PEM public key"
                    + " or certificate");
        }
    }

    private static String kind(PublicKey key) {
        return key == null ? "key" : key.getAlgorithm() + " public key";
    }
}
