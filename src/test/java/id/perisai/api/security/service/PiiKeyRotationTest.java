package id.perisai.api.security.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import id.perisai.api.security.crypto.PiiCrypto;
import id.perisai.api.support.Agents;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.Payments;
import id.perisai.api.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Rotating the personal-data encryption key: the service runs with a new key (version 2) and the test key as version 1
 * among the previous keys, in a schema of its own. Values still under version 1 are read as before, the rotation job
 * re-encrypts them all under version 2 (and counts none left), and reads keep working.
 */
@QuarkusTest
@TestProfile(PiiKeyRotationTest.Rotated.class)
@Order(Integer.MAX_VALUE) // its own Quarkus start: after every test of the default profile
class PiiKeyRotationTest {

    static final String SCHEMA = "perisai_rotation";
    static final String OLD_KEY = "dGVzdC1vbmx5LXBpaS1lbmNyeXB0aW9uLWtleS0zMmI=";
    static final String NEW_KEY = "dGVzdC1vbmx5LXBpaS1yb3RhdGVkLWtleS0zMmJ5dCE=";
    static final String INDEX_KEY = "dGVzdC1vbmx5LXBpaS1ibGluZC1pbmRleC1rZXktMzI=";

    public static class Rotated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url",
                    "postgresql://127.0.0.1:5432/" + TestDb.DATABASE + "?search_path=" + SCHEMA,
                    "quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://127.0.0.1:5432/" + TestDb.DATABASE + "?currentSchema=" + SCHEMA,
                    "quarkus.flyway.schemas", SCHEMA, "perisai.pii.encryption-key", NEW_KEY,
                    "perisai.pii.encryption-key-version", "2", "perisai.pii.previous-encryption-keys", "1:" + OLD_KEY,
                    "perisai.pii.rotation-interval", "off");
        }
    }

    @Inject
    PiiKeyRotation rotation;

    @Inject
    PiiCrypto crypto;

    @Test
    void valuesUnderTheEarlierKeyAreReadAndReencryptedUnderTheNewOne() throws Exception {
        String partner = Fixtures.partner("ROT");
        String[] worker = Payments.registered(partner, true);
        // what the service stored before the rotation: the same NIK under the earlier key (version 1)
        String agentCode = Agents.create(partner);
        PiiCrypto before = new PiiCrypto(OLD_KEY, 1, List.of(), INDEX_KEY, false);
        TestDb.update("update participant set nik_cipher = ? where id = ?::uuid", before.encrypt(worker[0]), worker[1]);
        TestDb.update("update agent set bank_account_cipher = ? where agent_code = ?", before.encrypt(Agents.ACCOUNT_NUMBER),
                agentCode);
        assertEquals(1, TestDb.count("select count(*) from participant where get_byte(nik_cipher, 0) = 1"));
        assertEquals(1, TestDb.count("select count(*) from agent where get_byte(bank_account_cipher, 0) = 1"));

        // still readable (found by blind index, shown masked from the decrypted NIK)
        String token = Payments.token(partner);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("nik", worker[0]))
                .post("/v1/participants/search").then().statusCode(200);

        rotation.run().await().indefinitely();
        assertEquals(0, TestDb.count("select count(*) from participant where get_byte(nik_cipher, 0) <> 2"));
        assertEquals(0, TestDb.count("""
                select (select count(*) from agent where get_byte(nik_cipher, 0) <> 2
                                                      or get_byte(bank_account_cipher, 0) <> 2)
                     + (select count(*) from partner where get_byte(payout_account_cipher, 0) <> 2)"""));
        given().auth().oauth2(token).get("/v1/participants/{id}", worker[1]).then().statusCode(200);
        assertEquals(Agents.ACCOUNT_NUMBER,
                crypto.decrypt((byte[]) TestDb.query("select bank_account_cipher from agent where agent_code = ?", agentCode)
                        .get(0).get("bank_account_cipher")));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("nik", worker[0]))
                .post("/v1/participants/search").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("perisai_pii_ciphertexts_to_reencrypt 0.0"));
        assertEquals(2, crypto.currentKeyVersion());
    }
}
