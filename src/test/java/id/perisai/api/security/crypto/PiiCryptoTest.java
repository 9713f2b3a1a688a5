package id.perisai.api.security.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiCryptoTest {

    static final String ENC = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String IDX = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
    static final String OTHER = Base64.getEncoder().encodeToString("another-32-byte-key-for-testing!".getBytes());

    final PiiCrypto crypto = new PiiCrypto(ENC, IDX, true);

    @Test
    void encryptionRoundTripsAndNeverContainsThePlaintext() {
        byte[] sealed = crypto.encrypt("3201014101900001");
        assertEquals("3201014101900001", crypto.decrypt(sealed));
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("3201014101900001"));
        assertEquals(1 + 12 + 16 + 16, sealed.length);
    }

    @Test
    void equalValuesGiveDifferentCiphertexts() {
        assertFalse(Arrays.equals(crypto.encrypt("3201014101900001"), crypto.encrypt("3201014101900001")));
    }

    @Test
    void tamperedCiphertextIsRefused() {
        byte[] sealed = crypto.encrypt("3201014101900001");
        sealed[sealed.length - 1] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> crypto.decrypt(sealed));
        assertThrows(IllegalArgumentException.class, () -> crypto.decrypt(new byte[] { 9, 1, 2 }));
    }

    @Test
    void ciphertextOfAnotherKeyIsRefused() {
        byte[] sealed = new PiiCrypto(OTHER, IDX, true).encrypt("3201014101900001");
        assertThrows(IllegalArgumentException.class, () -> crypto.decrypt(sealed));
    }

    @Test
    void blindIndexIsDeterministicKeyedAndDistinguishesValues() {
        assertArrayEquals(crypto.blindIndex("3201014101900001"), crypto.blindIndex("3201014101900001"));
        assertFalse(Arrays.equals(crypto.blindIndex("3201014101900001"), crypto.blindIndex("3201014101900002")));
        assertFalse(Arrays.equals(crypto.blindIndex("3201014101900001"),
                new PiiCrypto(ENC, OTHER, true).blindIndex("3201014101900001")));
        assertEquals(32, crypto.blindIndex("x").length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing           | ''",
            "not base64        | '%%%not-base64%%%'",
            "16 bytes          | 'MDEyMzQ1Njc4OWFiY2RlZg=='",
            "33 bytes          | 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWZ4'" })
    void malformedKeysStopStartUpNamingTheVariableOnly(String name, String key) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new PiiCrypto(key, IDX, true));
        assertTrue(e.getMessage().contains("PERISAI_PII_ENCRYPTION_KEY"), e.getMessage());
        assertFalse(!key.isEmpty() && e.getMessage().contains(key), "the key never appears in messages");
    }

    @Test
    void sameKeyForBothPurposesIsRefused() {
        assertThrows(IllegalStateException.class, () -> new PiiCrypto(ENC, ENC, true));
    }

    @Test
    void publicDevKeysAreRefusedInProductionButAcceptedInDevAndTest() {
        String devEnc = "ZGV2LW9ubHktcGlpLWVuY3J5cHRpb24ta2V5LTMyYiE=";
        String devIdx = "ZGV2LW9ubHktcGlpLWJsaW5kLWluZGV4LWtleS0zMmI=";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new PiiCrypto(devEnc, devIdx, true));
        assertTrue(e.getMessage().contains("dev/test key"));
        assertNotEquals(null, new PiiCrypto(devEnc, devIdx, false));
    }

    // ---- key rotation ------------------------------------------------------------------------------------------

    @Test
    void aNewKeyVersionEncryptsWhileEarlierKeysStillDecrypt() {
        byte[] underV1 = crypto.encrypt("3201014101900001");
        assertEquals(1, underV1[0]);
        PiiCrypto rotated = new PiiCrypto(OTHER, 2, java.util.List.of("1:" + ENC), IDX, true);
        assertTrue(rotated.rotating());
        assertFalse(crypto.rotating());
        assertEquals("3201014101900001", rotated.decrypt(underV1));
        byte[] underV2 = rotated.reencrypt(underV1);
        assertEquals(2, underV2[0]);
        assertEquals("3201014101900001", rotated.decrypt(underV2));
        assertArrayEquals(underV2, rotated.reencrypt(underV2), "already under the current key: unchanged");
        assertEquals(2, rotated.encrypt("x")[0]);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> crypto.decrypt(underV2));
        assertTrue(unknown.getMessage().contains("key version 2"), unknown.getMessage());
        // the version is authenticated: relabelling a v1 ciphertext as v2 does not decrypt under either key
        byte[] relabelled = underV1.clone();
        relabelled[0] = 2;
        assertThrows(IllegalArgumentException.class, () -> rotated.decrypt(relabelled));
    }

    @ParameterizedTest(name = "version {0}, previous [{1}] → {2}")
    @CsvSource(delimiter = '|', value = {
            "0   | 1:OTHER     | between 1 and 255",
            "256 | 1:OTHER     | between 1 and 255",
            "2   | 2:OTHER     | given twice",
            "2   | 1:OTHER,1:OTHER | given twice",
            "2   | one:OTHER   | version:base64",
            "2   | 1OTHER      | version:base64",
            "2   | 1:IDX       | must be different keys",
            "2   | 1:bm90LWEta2V5 | exactly 32 bytes" })
    void rotationConfigurationMistakesStopTheStart(int version, String previous, String message) {
        java.util.List<String> entries = java.util.Arrays.stream(previous.split(","))
                .map(e -> e.trim().replace("OTHER", OTHER).replace("IDX", IDX)).toList();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PiiCrypto(ENC, version, entries, IDX, true));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains(OTHER) || e.getMessage().contains(ENC), "no key material in the message");
    }
}
