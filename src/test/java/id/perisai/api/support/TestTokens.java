package id.perisai.api.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;

/**
 * Really signed tokens for tests, built claim by claim (jose4j) so any claim can be left out or forged. The default
 * token is what our issuer produces: RS256 with the dev/test signing key, every required claim present.
 */
public final class TestTokens {

    public static final String ISSUER = "https://perisai-partner-api.test.local";
    public static final String AUDIENCE = "perisai-partner-api";
    static final Path KEYS = Path.of("src/test/resources/keys");

    public static final PrivateKey RSA_KEY = readPkcs8("dev-only-signing-key.pem", "RSA");
    public static final PrivateKey EC_KEY = readPkcs8("test-only-external-idp-es256-key.pem", "EC");
    public static final String RSA_KID;
    public static final String EC_KID;
    public static final PublicKey RSA_PUBLIC;

    static {
        try {
            JsonWebKeySet set = new JsonWebKeySet(Files.readString(KEYS.resolve("dev-only-verification-keys.jwks.json")));
            JsonWebKey rsa = set.getJsonWebKeys().stream().filter(k -> "RSA".equals(k.getKeyType())).findFirst().orElseThrow();
            JsonWebKey ec = set.getJsonWebKeys().stream().filter(k -> "EC".equals(k.getKeyType())).findFirst().orElseThrow();
            RSA_KID = rsa.getKeyId();
            EC_KID = ec.getKeyId();
            RSA_PUBLIC = (PublicKey) rsa.getKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TestTokens() {
    }

    /** A token acting for a partner with the given scopes. */
    public static Builder partner(String partnerCode, String... scopes) {
        return new Builder().claim("partner_id", partnerCode).scopes(scopes);
    }

    /** An agency-staff token (scope admin, no partner). */
    public static Builder admin() {
        return new Builder().scopes("admin");
    }

    public static final class Builder {
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private String algorithm = AlgorithmIdentifiers.RSA_USING_SHA256;
        private Key key = RSA_KEY;
        private String kid = RSA_KID;

        Builder() {
            long now = Instant.now().getEpochSecond();
            claims.put("iss", ISSUER);
            claims.put("aud", AUDIENCE);
            claims.put("sub", "test-client-" + UUID.randomUUID().toString().substring(0, 8));
            claims.put("iat", now);
            claims.put("exp", now + 600);
            claims.put("jti", UUID.randomUUID().toString());
        }

        public Builder scopes(String... scopes) {
            claims.put("scope", String.join(" ", scopes));
            return this;
        }

        public Builder claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public Builder without(String claim) {
            claims.remove(claim);
            return this;
        }

        /** Token issued {@code secondsAgo} and expired {@code expiredSecondsAgo}. */
        public Builder expired(long issuedSecondsAgo, long expiredSecondsAgo) {
            long now = Instant.now().getEpochSecond();
            claims.put("iat", now - issuedSecondsAgo);
            claims.put("exp", now - expiredSecondsAgo);
            return this;
        }

        public Builder es256() {
            algorithm = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
            key = EC_KEY;
            kid = EC_KID;
            return this;
        }

        /** Signed with a key nobody trusts (fresh RSA key, same kid as the trusted one). */
        public Builder unknownKey() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                key = pair.getPrivate();
                return this;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The classic confusion attack: HS256 with the trusted RSA public key as the HMAC secret. */
        public Builder hs256WithPublicKey() {
            algorithm = AlgorithmIdentifiers.HMAC_SHA256;
            key = new HmacKey(RSA_PUBLIC.getEncoded());
            return this;
        }

        public Builder noneAlgorithm() {
            algorithm = AlgorithmIdentifiers.NONE;
            key = null;
            return this;
        }

        public Builder kid(String keyId) {
            this.kid = keyId;
            return this;
        }

        public String sign() {
            try {
                JwtClaims jwtClaims = JwtClaims.parse(org.jose4j.json.internal.json_simple.JSONValue.toJSONString(claims));
                JsonWebSignature jws = new JsonWebSignature();
                jws.setPayload(jwtClaims.toJson());
                jws.setAlgorithmHeaderValue(algorithm);
                if (kid != null) {
                    jws.setKeyIdHeaderValue(kid);
                }
                jws.setHeader("typ", "JWT");
                if (key != null) {
                    jws.setKey(key);
                }
                jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
                jws.setDoKeyValidation(false);
                return jws.getCompactSerialization();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Replaces the payload of a signed token, keeping header and signature (a tampered token). */
    public static String tamperPayload(String token, String claim, Object value) {
        String[] parts = token.split("\\.");
        try {
            JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(parts[1])));
            claims.setClaim(claim, value);
            String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.toJson().getBytes());
            return parts[0] + "." + payload + "." + parts[2];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> claimNames(String token) {
        try {
            return List.copyOf(JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])))
                    .getClaimNames());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static JwtClaims claims(String token) {
        try {
            return JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey readPkcs8(String file, String algorithm) {
        try {
            String pem = Files.readString(KEYS.resolve(file)).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
