package id.perisai.api.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The OAuth2 client-credentials issuer (RFC 6749 §4.4) and its errors (§5.2). */
@QuarkusTest
class TokenEndpointTest {

    static String partner;
    static String clientId;
    static String secret;

    @BeforeEach
    void client() {
        if (partner != null) {
            return;
        }
        partner = Fixtures.partner("OAUTH");
        String[] credentials = Fixtures.client(partner, List.of("agents:read", "registrations:read", "registrations:write"));
        clientId = credentials[0];
        secret = credentials[1];
    }

    private static ValidatableResponse form(String body) {
        return given().contentType("application/x-www-form-urlencoded").body(body).post("/oauth2/token").then();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void basicAuthenticatedClientGetsAWorkingTokenWithAllItsScopes() {
        String token = given().auth().preemptive().basic(clientId, secret)
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", lessThanOrEqualTo(3600))
                .body("scope", equalTo("agents:read registrations:read registrations:write"))
                .extract().path("access_token");
        given().auth().oauth2(token).get("/v1/partner").then().statusCode(200).body("code", equalTo(partner));
    }

    @Test
    void issuedTokenCarriesEveryRequiredClaimAndLivesAtMostAnHour() throws Exception {
        String token = form("grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + enc(secret))
                .statusCode(200).extract().path("access_token");
        JwtClaims claims = TestTokens.claims(token);
        assertEquals(TestTokens.ISSUER, claims.getIssuer());
        assertTrue(claims.getAudience().contains(TestTokens.AUDIENCE));
        assertEquals(clientId, claims.getSubject());
        assertEquals(clientId, claims.getClaimValueAsString("client_id"));
        assertEquals(partner, claims.getClaimValueAsString("partner_id"));
        assertNotNull(claims.getJwtId());
        assertNotNull(claims.getClaimValue("scope"));
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertTrue(lifetime > 0 && lifetime <= 3600, "lifetime " + lifetime);
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertTrue(header.contains("\"RS256\"") && header.contains(TestTokens.RSA_KID), header);
    }

    @Test
    void scopeParameterNarrowsTheToken() {
        String token = form("grant_type=client_credentials&scope=" + enc("agents:read") + "&client_id=" + clientId
                + "&client_secret=" + enc(secret)).statusCode(200).body("scope", equalTo("agents:read"))
                .extract().path("access_token");
        assertEquals("agents:read", TestTokens.claims(token).getClaimValueAsString("scope"));
        given().auth().oauth2(token).get("/v1/partner").then().statusCode(200);
    }

    @Test
    void wrongSecretIsInvalidClient() {
        given().auth().preemptive().basic(clientId, secret + "x").contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").post("/oauth2/token")
                .then().statusCode(401).header("WWW-Authenticate", containsString("Basic"))
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_client")).body("error_description", notNullValue());
    }

    @Test
    void unknownClientIsInvalidClient() {
        form("grant_type=client_credentials&client_id=prc_nosuchclient000000&client_secret=whatever")
                .statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void missingCredentialsAreInvalidClient() {
        form("grant_type=client_credentials").statusCode(401).body("error", equalTo("invalid_client"));
        form("grant_type=client_credentials&client_id=" + clientId).statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void malformedBasicHeaderIsInvalidClient() {
        given().header("Authorization", "Basic !!!notbase64").contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials").post("/oauth2/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void bothAuthenticationMethodsAtOnceIsInvalidRequest() {
        given().auth().preemptive().basic(clientId, secret).contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + enc(secret))
                .post("/oauth2/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void missingGrantTypeIsInvalidRequest() {
        form("client_id=" + clientId + "&client_secret=" + enc(secret)).statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        form("grant_type=client_credentials&grant_type=client_credentials&client_id=" + clientId + "&client_secret="
                + enc(secret)).statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        form("grant_type=password&username=a&password=b&client_id=" + clientId + "&client_secret=" + enc(secret))
                .statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void scopesTheClientLacksAreLeftOutAndTheGrantedOnesReported() {
        String token = form("grant_type=client_credentials&scope=" + enc("agents:read contributions:write admin")
                + "&client_id=" + clientId + "&client_secret=" + enc(secret))
                .statusCode(200).body("scope", equalTo("agents:read")).extract().path("access_token");
        assertEquals("agents:read", TestTokens.claims(token).getClaimValueAsString("scope"));
    }

    @Test
    void onlyScopesTheClientLacksOrUnknownScopesAreInvalidScope() {
        form("grant_type=client_credentials&scope=admin&client_id=" + clientId + "&client_secret=" + enc(secret))
                .statusCode(400).body("error", equalTo("invalid_scope"));
        form("grant_type=client_credentials&scope=" + enc("agents:read bogus") + "&client_id=" + clientId
                + "&client_secret=" + enc(secret)).statusCode(400).body("error", equalTo("invalid_scope"));
        form("grant_type=client_credentials&scope=bogus&client_id=" + clientId + "&client_secret=" + enc(secret))
                .statusCode(400).body("error", equalTo("invalid_scope"))
                .body("instance", equalTo("/oauth2/token"));
    }

    @Test
    void jsonBodyIsRefusedWith415() {
        given().contentType("application/json").body("{\"grant_type\":\"client_credentials\"}").post("/oauth2/token")
                .then().statusCode(415);
    }

    @Test
    void suspendedPartnerGetsNoTokenAndItsTokensGet403() {
        String code = Fixtures.partner("SUSP");
        String[] c = Fixtures.client(code, List.of("agents:read"));
        String token = form("grant_type=client_credentials&client_id=" + c[0] + "&client_secret=" + enc(c[1]))
                .statusCode(200).extract().path("access_token");
        Fixtures.setStatus(code, "SUSPENDED");
        given().auth().oauth2(token).get("/v1/partner").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", containsString("/problems/partner-suspended"));
        given().auth().oauth2(TestTokens.partner(code, "agents:read").sign()).get("/v1/partner").then().statusCode(403)
                .body("type", containsString("/problems/partner-suspended"));
        form("grant_type=client_credentials&client_id=" + c[0] + "&client_secret=" + enc(c[1]))
                .statusCode(400).body("error", equalTo("unauthorized_client"));
        Fixtures.setStatus(code, "ACTIVE");
        given().auth().oauth2(token).get("/v1/partner").then().statusCode(200);
    }

    @Test
    void revokedClientGetsNoTokenAndItsTokensStopWorkingAtOnce() {
        String code = Fixtures.partner("REVOKE");
        String[] c = Fixtures.client(code, List.of("agents:read"));
        String token = form("grant_type=client_credentials&client_id=" + c[0] + "&client_secret=" + enc(c[1]))
                .statusCode(200).extract().path("access_token");
        given().auth().oauth2(token).get("/v1/partner").then().statusCode(200);
        given().auth().oauth2(Fixtures.adminToken()).delete("/v1/admin/partners/{code}/clients/{id}", code, c[0])
                .then().statusCode(204);
        given().auth().oauth2(token).get("/v1/partner").then().statusCode(401);
        form("grant_type=client_credentials&client_id=" + c[0] + "&client_secret=" + enc(c[1]))
                .statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void tokenNamingAnotherPartnersClientIsRefused() {
        String other = Fixtures.partner("OTHER");
        String token = TestTokens.partner(other, "agents:read").claim("client_id", clientId).sign();
        given().auth().oauth2(token).get("/v1/partner").then().statusCode(401);
    }

    @Test
    void tokenIssuanceIsAuditedWithoutTheSecret() {
        String token = form("grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + enc(secret))
                .statusCode(200).extract().path("access_token");
        String jti = TestTokens.claims(token).getClaimValueAsString("jti");
        var rows = TestDb.query("select * from audit_log where action = 'TOKEN_ISSUED' and token_id = ?", jti);
        assertEquals(1, rows.size());
        assertEquals(clientId, rows.get(0).get("subject"));
        assertEquals(partner, rows.get(0).get("partner_code"));
        assertTrue(TestDb.count("select count(*) from audit_log where details like ? or details like ?", "%" + secret + "%",
                "%prs_%") == 0);
        assertNotNull(TestDb.query("select last_used_at from oauth_client where client_id = ?", clientId).get(0)
                .get("last_used_at"));
    }

    @Test
    void secretsAreStoredAsKeyedHashesOnly() {
        var row = TestDb.query("select secret_hash from oauth_client where client_id = ?", clientId).get(0);
        String hash = (String) row.get("secret_hash");
        assertTrue(hash.matches("^\\$hmac-sha256\\$1\\$[A-Za-z0-9_-]{43}$"), hash);
        assertTrue(!hash.contains(secret.substring(4)));
    }

    @Test
    void aLegacyBcryptHashStillWorksAndIsRewrittenUnderTheKeyAtItsNextUse() {
        String code = Fixtures.partner("LEGACY");
        String[] c = Fixtures.client(code, List.of("agents:read"));
        // what earlier versions stored
        TestDb.update("update oauth_client set secret_hash = ? where client_id = ?", BcryptUtil.bcryptHash(c[1], 4), c[0]);
        form("grant_type=client_credentials&client_id=" + c[0] + "&client_secret=" + enc(c[1] + "x"))
                .statusCode(401).body("error", equalTo("invalid_client"));
        assertTrue(storedHash(c[0]).startsWith("$2"), "a failure rewrites nothing");
        String token = form("grant_type=client_credentials&client_id=" + c[0] + "&client_secret=" + enc(c[1]))
                .statusCode(200).extract().path("access_token");
        given().auth().oauth2(token).get("/v1/partner").then().statusCode(200);
        assertTrue(storedHash(c[0]).startsWith("$hmac-sha256$1$"), storedHash(c[0]));
        form("grant_type=client_credentials&client_id=" + c[0] + "&client_secret=" + enc(c[1])).statusCode(200);
        form("grant_type=client_credentials&client_id=" + c[0] + "&client_secret=" + enc(c[1] + "x")).statusCode(401);
    }

    static String storedHash(String clientId) {
        return (String) TestDb.query("select secret_hash from oauth_client where client_id = ?", clientId).get(0)
                .get("secret_hash");
    }

    @Test
    void jwksPublishesTheSigningKey() {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", containsString("max-age"))
                .body("keys.size()", equalTo(1))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].kid", equalTo(TestTokens.RSA_KID))
                .body("keys[0].d", org.hamcrest.Matchers.nullValue());
    }
}
