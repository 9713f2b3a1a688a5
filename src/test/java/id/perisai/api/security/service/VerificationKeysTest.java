package id.perisai.api.security.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.TestTokens;

/** The signing key is found among the verification keys by its key material, whatever its entry is called. */
class VerificationKeysTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final RSAPublicKey OURS = (RSAPublicKey) TestTokens.RSA_PUBLIC;
    static final String THUMBPRINT = SigningKey.thumbprint(OURS);
    static final RSAPublicKey OTHER = otherKey();
    static final Map<String, Object> EC = ecEntry();

    static RSAPublicKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return (RSAPublicKey) generator.generateKeyPair().getPublic();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ecEntry() {
        try {
            JsonNode set = JSON
                    .readTree(Files.readString(Path.of("src/test/resources/keys/dev-only-verification-keys.jwks.json")));
            for (JsonNode key : set.get("keys")) {
                if ("EC".equals(key.get("kty").asText())) {
                    return JSON.convertValue(key, Map.class);
                }
            }
            throw new IllegalStateException("no EC key");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SafeVarargs
    static String jwks(Map<String, Object>... keys) throws Exception {
        return JSON.writeValueAsString(Map.of("keys", List.of(keys)));
    }

    static Map<String, Object> entry(RSAPublicKey key, String kid) {
        Map<String, Object> jwk = new LinkedHashMap<>(SigningKey.jwk(key, kid));
        if (kid == null) {
            jwk.remove("kid");
        }
        return jwk;
    }

    static Map<String, Object> with(Map<String, Object> jwk, String member, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(jwk);
        if (value == null) {
            changed.remove(member);
        } else {
            changed.put(member, value);
        }
        return changed;
    }

    static String pem(RSAPublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static Stream<Arguments> found() throws Exception {
        return Stream.of(
                Arguments.of("the operator's own kid", jwks(EC, entry(OURS, "perisai-2026-11")), "perisai-2026-11"),
                Arguments.of("the thumbprint as kid", jwks(entry(OURS, THUMBPRINT), EC), THUMBPRINT),
                Arguments.of("among other RSA keys", jwks(entry(OTHER, "old-2025"), entry(OURS, "new-2026"), EC), "new-2026"),
                Arguments.of("no alg and no use", jwks(with(with(entry(OURS, "bare"), "alg", null), "use", null)), "bare"),
                Arguments.of("the only key, without a kid", jwks(entry(OURS, null)), THUMBPRINT),
                Arguments.of("a single JWK rather than a set", JSON.writeValueAsString(entry(OURS, "single")), "single"),
                Arguments.of("a PEM public key", pem(OURS), THUMBPRINT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("found")
    void tokensCarryTheKidOfTheEntryWithTheSameKeyMaterial(String name, String keys, String kid) {
        assertEquals(kid, VerificationKeys.keyIdFor(OURS, THUMBPRINT, keys));
    }

    static Stream<Arguments> missing() throws Exception {
        return Stream.of(
                Arguments.of("only other keys", jwks(entry(OTHER, "someone-else"), EC),
                        List.of("is not among the 2 key(s)", "kids: someone-else, " + EC.get("kid"), "jwks")),
                Arguments.of("our thumbprint on another key", jwks(entry(OTHER, THUMBPRINT)),
                        List.of("the entry with kid " + THUMBPRINT + " holds another key")),
                Arguments.of("our key, but for RS512", jwks(with(entry(OURS, "k1"), "alg", "RS512")),
                        List.of("(kid k1) says \"alg\":\"RS512\"")),
                Arguments.of("our key, but for encryption", jwks(with(entry(OURS, "k1"), "use", "enc")),
                        List.of("says \"use\":\"enc\"")),
                Arguments.of("our key without a kid among others", jwks(entry(OURS, null), EC),
                        List.of("has no kid, and the set holds 2 keys")),
                Arguments.of("another PEM key", pem(OTHER), List.of("is not the key at MP_JWT_VERIFY_PUBLICKEY_LOCATION")),
                Arguments.of("an empty set", "{\"keys\":[]}", List.of("holds no JSON Web Key")),
                Arguments.of("neither JWKS nor PEM", "hello", List.of("neither a JWKS nor a PEM")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missing")
    void startUpSaysPreciselyWhatIsWrongWithoutShowingKeys(String name, String keys, List<String> expected) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VerificationKeys.keyIdFor(OURS, THUMBPRINT, keys));
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' in: " + e.getMessage());
        }
        String modulus = (String) SigningKey.jwk(OURS, "x").get("n");
        assertFalse(e.getMessage().contains(modulus.substring(0, 24)), "no key material in the message");
        assertFalse(e.getMessage().contains((String) SigningKey.jwk(OTHER, "x").get("n")), "no key material");
    }

    @Test
    void theSigningKeyPublishesTheKidItFound() throws Exception {
        SigningKey key = new SigningKey(SigningKey.load("src/test/resources/keys/dev-only-signing-key.pem"),
                java.util.Optional.of(jwks(EC, entry(OURS, "perisai-2026-11"))));
        assertEquals("perisai-2026-11", key.keyId());
        assertEquals("perisai-2026-11", key.publicJwk().get("kid"));
        List<String> names = new ArrayList<>(key.publicJwk().keySet());
        assertEquals(List.of("kty", "use", "alg", "kid", "n", "e"), names);
    }
}
