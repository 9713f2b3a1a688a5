package id.perisai.api.partner.service;

import java.security.SecureRandom;
import java.util.Base64;

/** Client ids and secrets: random, prefixed so secret scanners recognise them. */
final class ClientCredentialsGenerator {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private ClientCredentialsGenerator() {
    }

    /** 100 random bits: {@code prc_} + 20 base32 characters. */
    static String clientId() {
        StringBuilder id = new StringBuilder("prc_");
        for (int i = 0; i < 20; i++) {
            id.append(BASE32[RANDOM.nextInt(BASE32.length)]);
        }
        return id.toString();
    }

    /** 256 random bits: {@code prs_} + 43 base64url characters. */
    static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "prs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
