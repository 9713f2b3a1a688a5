package id.perisai.api.security.service;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.util.KeyUtils;

/**
 * {@code java -jar quarkus-run.jar jwks <pem-file> [--kid <kid>]}: prints the JWKS entry of an RSA signing key (its
 * private PKCS#8 PEM, as {@code openssl genpkey} writes it, or its public PEM) — the public half only, with
 * {@code "alg":"RS256","use":"sig"} and as {@code kid} the one given or else the RFC 7638 thumbprint — as a JWKS of one
 * key, ready for {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} (add its entry to the keys of other issuers you trust). Runs
 * without starting the service.
 */
public final class JwksCommand {

    public static final String NAME = "jwks";
    static final Pattern KID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    static final String USAGE = "usage: java -jar quarkus-run.jar jwks <RSA key PEM file> [--kid <key id>]";

    private JwksCommand() {
    }

    /** @return the exit code: 0 printed, 2 a usage or key error (said on {@code err}) */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String file = null;
        String kid = null;
        for (int i = 0; i < args.length; i++) {
            if ("--kid".equals(args[i]) && i + 1 < args.length && kid == null) {
                kid = args[++i];
            } else if (file == null && !args[i].startsWith("--")) {
                file = args[i];
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        if (file == null) {
            err.println(USAGE);
            return 2;
        }
        if (kid != null && !KID.matcher(kid).matches()) {
            err.println("--kid: 1–128 characters of letters, digits and . _ : -");
            return 2;
        }
        RSAPublicKey key;
        try {
            key = publicKey(Files.readString(Path.of(file)));
        } catch (java.io.IOException e) {
            err.println("cannot read " + file);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(file + ": " + e.getMessage());
            return 2;
        }
        try {
            out.println(new ObjectMapper().writeValueAsString(Map.of("keys",
                    List.of(SigningKey.jwk(key, kid != null ? kid : SigningKey.thumbprint(key))))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return 0;
    }

    /** The RSA public key of a PEM private (PKCS#8) or public key; never anything of the private key. */
    static RSAPublicKey publicKey(String pem) {
        if (pem.contains("PRIVATE KEY")) {
            if (pem.contains("BEGIN RSA PRIVATE KEY")) {
                throw new IllegalArgumentException("a PKCS#1 key: convert it with openssl pkcs8 -topk8 -nocrypt");
            }
            if (pem.contains("ENCRYPTED")) {
                throw new IllegalArgumentException("an encrypted key: the service reads unencrypted PKCS#8 PEM");
            }
            PrivateKey key;
            try {
                key = KeyUtils.decodePrivateKey(pem);
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new IllegalArgumentException("not an RSA private key in PKCS#8 PEM (the service signs RS256)");
            }
            if (!(key instanceof RSAPrivateCrtKey rsa)) {
                throw new IllegalArgumentException("not an RSA key (the service signs RS256)");
            }
            try {
                return (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("its public half cannot be derived");
            }
        }
        PublicKey key;
        try {
            key = KeyUtils.decodePublicKey(pem);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not a PEM private or public key");
        }
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException("not an RSA key (the service signs RS256)");
        }
        return rsa;
    }
}
