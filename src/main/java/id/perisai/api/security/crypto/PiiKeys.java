package id.perisai.api.security.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * Parses and checks the keys from configuration (personal data, client-secret hashes); messages name the variable,
 * never the key material.
 */
public final class PiiKeys {

    static final int KEY_BYTES = 32;

    /** The public dev and test keys from application.properties: refused outside dev and test. */
    static final Set<String> PUBLIC_DEV_KEYS = Set.of(
            "ZGV2LW9ubHktcGlpLWVuY3J5cHRpb24ta2V5LTMyYiE=",
            "ZGV2LW9ubHktcGlpLWJsaW5kLWluZGV4LWtleS0zMmI=",
            "dGVzdC1vbmx5LXBpaS1lbmNyeXB0aW9uLWtleS0zMmI=",
            "dGVzdC1vbmx5LXBpaS1ibGluZC1pbmRleC1rZXktMzI=",
            "dGVzdC1vbmx5LXBpaS1yb3RhdGVkLWtleS0zMmJ5dCE=",
            "ZGV2LW9ubHktb2F1dGgtc2VjcmV0LWhhc2gta2V5LTE=",
            "dGVzdC1vbmx5LW9hdXRoLXNlY3JldC1oYXNoLWtleTE=",
            "dGVzdC1vbmx5LW9hdXRoLXNlY3JldC1oYXNoLWtleTI=");

    private PiiKeys() {
    }

    /**
     * @param base64 the configured value
     * @param variable the environment variable it comes from, for the error message
     * @param production whether public dev/test keys must be refused
     */
    public static byte[] parse(String base64, String variable, boolean production) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(variable + " is not set: it must be base64 of " + KEY_BYTES + " random bytes");
        }
        String trimmed = base64.trim();
        if (production && PUBLIC_DEV_KEYS.contains(trimmed)) {
            throw new IllegalStateException(variable + " is a public dev/test key and cannot be used in production");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " is not valid base64");
        }
        if (key.length != KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalStateException(variable + " must decode to exactly " + KEY_BYTES + " bytes");
        }
        return key;
    }
}
