package id.perisai.api.security.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.TestTokens;

/** {@code java -jar quarkus-run.jar jwks <pem> [--kid <kid>]}: the JWKS entry of a signing key, and nothing private. */
class JwksCommandTest {

    static final String KEY = "src/test/resources/keys/dev-only-signing-key.pem";
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JwksCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheEntryOfTheCommittedDevKeyWithItsThumbprintAsKid() throws Exception {
        Run run = run(KEY);
        assertEquals(0, run.exit(), run.err());
        JsonNode printed = JSON.readTree(run.out()).get("keys").get(0);
        JsonNode committed = JSON
                .readTree(Files.readString(Path.of("src/test/resources/keys/dev-only-verification-keys.jwks.json")))
                .get("keys").get(0);
        for (String member : new String[] { "kty", "kid", "n", "e", "alg", "use" }) {
            assertEquals(committed.get(member), printed.get(member), member);
        }
        assertEquals(TestTokens.RSA_KID, printed.get("kid").asText());
        for (String secret : new String[] { "d", "p", "q", "dp", "dq", "qi" }) {
            assertFalse(printed.has(secret), "private member " + secret);
        }
    }

    @Test
    void takesTheOperatorsKidAndAPublicPemAlike(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("public.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(((RSAPublicKey) TestTokens.RSA_PUBLIC).getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Run run = run(pem.toString(), "--kid", "perisai-2026-11");
        assertEquals(0, run.exit(), run.err());
        JsonNode key = JSON.readTree(run.out()).get("keys").get(0);
        assertEquals("perisai-2026-11", key.get("kid").asText());
        assertEquals(TestTokens.RSA_KID, VerificationKeys.keyIdFor((RSAPublicKey) TestTokens.RSA_PUBLIC, TestTokens.RSA_KID,
                run(KEY).out()));
        assertEquals("perisai-2026-11", VerificationKeys.keyIdFor((RSAPublicKey) TestTokens.RSA_PUBLIC,
                TestTokens.RSA_KID, run.out()), "the printed JWKS is what start-up reads");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no file            | ''                                                   | usage:",
            "missing file       | target/no-such-key.pem                               | cannot read",
            "not a key          | pom.xml                                              | not a PEM private or public key",
            "an EC key          | src/test/resources/keys/test-only-external-idp-es256-key.pem | not an RSA",
            "a bad kid          | src/test/resources/keys/dev-only-signing-key.pem --kid a/b | --kid",
            "an unknown option  | src/test/resources/keys/dev-only-signing-key.pem --pretty  | usage:" })
    void refusesWhatItCannotTurnIntoAnRs256Entry(String name, String args, String expected) {
        Run run = run(args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(2, run.exit());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals("", run.out());
    }
}
