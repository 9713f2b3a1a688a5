package id.perisai.api.security.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import id.perisai.api.security.crypto.SecretHasher.Check;
import io.quarkus.elytron.security.common.BcryptUtil;

/** Client secrets as keyed HMAC-SHA256 hashes: format, rotation, the legacy bcrypt path, and what is refused. */
class SecretHasherTest {

    static final String KEY_1 = PackagedKeys.random();
    static final String KEY_2 = PackagedKeys.random();
    static final String CLIENT = "prc_abcdefghijklmnopqrst";
    static final String SECRET = "prs_" + "s".repeat(43);

    /** Random keys (the public dev/test keys are refused in production mode). */
    static final class PackagedKeys {
        static String random() {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            return java.util.Base64.getEncoder().encodeToString(key);
        }
    }

    static SecretHasher current(String id, String key, String... previous) {
        return new SecretHasher(key, id, List.of(previous), true, null);
    }

    @Test
    void aNewSecretIsStoredAsItsKeyIdAndAnHmacOnly() {
        String hash = current("2026-11", KEY_1).hash(CLIENT, SECRET);
        assertTrue(hash.matches("^\\$hmac-sha256\\$2026-11\\$[A-Za-z0-9_-]{43}$"), hash);
        assertFalse(hash.contains(SECRET.substring(4, 12)));
        assertEquals(hash, current("2026-11", KEY_1).hash(CLIENT, SECRET), "deterministic for one key");
        assertNotEquals(hash, current("2026-11", KEY_2).hash(CLIENT, SECRET), "keyed");
    }

    static Stream<Arguments> checks() {
        SecretHasher one = current("1", KEY_1);
        String underOne = one.hash(CLIENT, SECRET);
        String underTwo = current("2", KEY_2).hash(CLIENT, SECRET);
        return Stream.of(
                Arguments.of("right secret, current key", one, underOne, SECRET, new Check(true, false)),
                Arguments.of("wrong secret", one, underOne, SECRET + "x", new Check(false, false)),
                Arguments.of("secret of another client id", one, one.hash("prc_other", SECRET), SECRET,
                        new Check(false, false)),
                Arguments.of("unknown client (no stored hash)", one, null, SECRET, new Check(false, false)),
                Arguments.of("earlier key still verifies, and asks for a rewrite", current("2", KEY_2, "1:" + KEY_1),
                        underOne, SECRET, new Check(true, true)),
                Arguments.of("a key no longer configured", current("2", KEY_2), underOne, SECRET, new Check(false, false)),
                Arguments.of("next key known before it is current", current("1", KEY_1, "2:" + KEY_2), underTwo, SECRET,
                        new Check(true, true)),
                Arguments.of("garbage stored", one, "$hmac-sha256$1$!!!", SECRET, new Check(false, false)),
                Arguments.of("null secret", one, underOne, null, new Check(false, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void aPresentedSecretIsCheckedAgainstItsStoredHash(String name, SecretHasher hasher, String stored, String secret,
            Check expected) {
        assertEquals(expected, hasher.check(CLIENT, secret, stored));
    }

    @Test
    void legacyBcryptHashesStillVerifyUntilRewritten() {
        String bcrypt = BcryptUtil.bcryptHash(SECRET, 4);
        assertTrue(SecretHasher.matchesBcrypt(SECRET, bcrypt));
        assertFalse(SecretHasher.matchesBcrypt(SECRET + "x", bcrypt));
        assertFalse(SecretHasher.matchesBcrypt(SECRET, "$2a$04$broken"));
    }

    @Test
    void theBootstrapKnowsWhenAStoredHashIsAlreadyTheCurrentOne() {
        SecretHasher hasher = current("2", KEY_2, "1:" + KEY_1);
        assertTrue(hasher.isCurrent(CLIENT, SECRET, hasher.hash(CLIENT, SECRET)));
        assertFalse(hasher.isCurrent(CLIENT, SECRET, current("1", KEY_1).hash(CLIENT, SECRET)), "earlier key");
        assertFalse(hasher.isCurrent(CLIENT, "changed", hasher.hash(CLIENT, SECRET)), "changed secret");
        assertFalse(hasher.isCurrent(CLIENT, SECRET, BcryptUtil.bcryptHash(SECRET, 4)), "bcrypt");
        assertFalse(hasher.isCurrent(CLIENT, SECRET, null));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("no key", null, "1", List.of(), "PERISAI_OAUTH_SECRET_HASH_KEY is not set"),
                Arguments.of("short key", java.util.Base64.getEncoder().encodeToString(new byte[16]), "1", List.of(),
                        "PERISAI_OAUTH_SECRET_HASH_KEY must decode to exactly 32 bytes"),
                Arguments.of("the public test key", "dGVzdC1vbmx5LW9hdXRoLXNlY3JldC1oYXNoLWtleTE=", "1", List.of(),
                        "public dev/test key"),
                Arguments.of("a key id with a $", KEY_1, "a$b", List.of(), "PERISAI_OAUTH_SECRET_HASH_KEY_ID"),
                Arguments.of("a previous entry without id", KEY_1, "2", List.of(KEY_2),
                        "PERISAI_OAUTH_PREVIOUS_SECRET_HASH_KEYS: each entry is id:base64"),
                Arguments.of("the current id again", KEY_1, "2", List.of("2:" + KEY_2), "key id 2 is given twice"),
                Arguments.of("a malformed previous key", KEY_1, "2", List.of("1:not-base64!"),
                        "PERISAI_OAUTH_PREVIOUS_SECRET_HASH_KEYS (key id 1) is not valid base64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void startUpRefusesMissingOrUnsafeKeysWithoutShowingThem(String name, String key, String id, List<String> previous,
            String message) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SecretHasher(key, id, previous, true, null));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains(KEY_2));
    }
}
