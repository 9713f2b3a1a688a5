package id.perisai.api.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** quality.md S1: every malformed, forged, expired or incomplete token is refused with 401 and a Bearer challenge. */
@QuarkusTest
class JwtVerificationTest {

    static String partner;

    @BeforeEach
    void partner() {
        if (partner != null) {
            return;
        }
        partner = Fixtures.partner("JWT");
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                bad("alg none", () -> TestTokens.partner(partner, "agents:read").noneAlgorithm().sign()),
                bad("HS256 signed with the RSA public key",
                        () -> TestTokens.partner(partner, "agents:read").hs256WithPublicKey().sign()),
                bad("expired beyond the 60 s skew",
                        () -> TestTokens.partner(partner, "agents:read").expired(600, 61 + 30).sign()),
                bad("wrong iss", () -> TestTokens.partner(partner, "agents:read").claim("iss", "https://evil.example").sign()),
                bad("wrong aud", () -> TestTokens.partner(partner, "agents:read").claim("aud", "another-api").sign()),
                bad("missing jti", () -> TestTokens.partner(partner, "agents:read").without("jti").sign()),
                bad("missing sub", () -> TestTokens.partner(partner, "agents:read").without("sub").sign()),
                bad("missing scope", () -> TestTokens.partner(partner, "agents:read").without("scope").sign()),
                bad("missing iat", () -> TestTokens.partner(partner, "agents:read").without("iat").sign()),
                bad("missing exp", () -> TestTokens.partner(partner, "agents:read").without("exp").sign()),
                bad("missing iss", () -> TestTokens.partner(partner, "agents:read").without("iss").sign()),
                bad("missing aud", () -> TestTokens.partner(partner, "agents:read").without("aud").sign()),
                bad("partner scope without partner_id",
                        () -> TestTokens.partner(partner, "agents:read").without("partner_id").sign()),
                bad("partner_id not a string", () -> TestTokens.partner(partner, "agents:read").claim("partner_id", 42).sign()),
                bad("partner_id of no partner", () -> TestTokens.partner("NO-SUCH-PARTNER", "agents:read").sign()),
                bad("unknown signing key", () -> TestTokens.partner(partner, "agents:read").unknownKey().sign()),
                bad("unknown kid", () -> TestTokens.partner(partner, "agents:read").kid("not-a-known-kid").sign()),
                bad("tampered payload",
                        () -> TestTokens.tamperPayload(TestTokens.partner(partner, "agents:read").sign(), "partner_id",
                                "ANOTHER")),
                bad("tampered scope",
                        () -> TestTokens.tamperPayload(TestTokens.partner(partner, "agents:read").sign(), "scope", "admin")),
                bad("scope as a JSON array", () -> TestTokens.partner(partner).claim("scope", List.of("agents:read")).sign()),
                bad("scope as a number", () -> TestTokens.partner(partner).claim("scope", 7).sign()),
                bad("lifetime of ten years (exp − iat)", () -> TestTokens.partner(partner, "agents:read")
                        .claim("exp", now() + TEN_YEARS).sign()),
                bad("lifetime a second over the maximum", () -> TestTokens.partner(partner, "agents:read")
                        .claim("iat", now() - 10).claim("exp", now() - 10 + 3601).sign()),
                bad("lifetime of ten years from a trusted external issuer (ES256)",
                        () -> TestTokens.partner(partner, "agents:read").es256().claim("exp", now() + TEN_YEARS).sign()),
                bad("issued ten years in the future, short-lived from then",
                        () -> TestTokens.partner(partner, "agents:read").claim("iat", now() + TEN_YEARS)
                                .claim("exp", now() + TEN_YEARS + 600).sign()),
                bad("not a JWT", () -> "not-a-jwt"),
                bad("truncated signature", () -> {
                    String token = TestTokens.partner(partner, "agents:read").sign();
                    return token.substring(0, token.length() - 10);
                }));
    }

    static final long TEN_YEARS = 10L * 366 * 24 * 3600;

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static Arguments bad(String name, Supplier<String> token) {
        return Arguments.of(name, token);
    }

    @ParameterizedTest(name = "{0} → 401")
    @MethodSource("badTokens")
    void badTokenIsRefusedWith401AndBearerChallenge(String name, Supplier<String> token) {
        given().auth().oauth2(token.get())
                .when().get("/v1/partner")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("status", equalTo(401))
                .body("type", containsString("/problems/unauthorized"));
    }

    @Test
    void missingTokenIsRefusedWith401AndBearerChallenge() {
        given().when().get("/v1/partner")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("detail", equalTo("A bearer access token is required"));
    }

    @Test
    void nonBearerAuthorizationIsRefused() {
        given().header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("a:b".getBytes()))
                .when().get("/v1/partner")
                .then().statusCode(401);
    }

    @Test
    void validRs256TokenIsAccepted() {
        given().auth().oauth2(TestTokens.partner(partner, "agents:read").sign())
                .when().get("/v1/partner")
                .then().statusCode(200).body("code", equalTo(partner));
    }

    @Test
    void validEs256TokenFromTrustedExternalKeyIsAccepted() {
        given().auth().oauth2(TestTokens.partner(partner, "agents:read").es256().sign())
                .when().get("/v1/partner")
                .then().statusCode(200).body("code", equalTo(partner));
    }

    @Test
    void adminScopeAsAJsonArrayDoesNotReachTheAdminApi() {
        given().auth().oauth2(TestTokens.admin().claim("scope", List.of("admin")).sign())
                .when().get("/v1/admin/partners")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
        given().auth().oauth2(TestTokens.admin().sign()).when().get("/v1/admin/partners").then().statusCode(200);
    }

    @Test
    void lifetimeOfExactlyTheMaximumIsAccepted() {
        given().auth().oauth2(TestTokens.partner(partner, "agents:read").claim("iat", now() - 5)
                .claim("exp", now() - 5 + 3600).sign())
                .when().get("/v1/partner")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.partner(partner, "agents:read").es256().claim("iat", now() - 5)
                .claim("exp", now() - 5 + 3600).sign())
                .when().get("/v1/partner")
                .then().statusCode(200);
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsStillAccepted() {
        given().auth().oauth2(TestTokens.partner(partner, "agents:read").expired(600, 30).sign())
                .when().get("/v1/partner")
                .then().statusCode(200);
    }

    @Test
    void audienceListContainingOursIsAccepted() {
        given().auth().oauth2(TestTokens.partner(partner, "agents:read")
                .claim("aud", java.util.List.of("another-api", TestTokens.AUDIENCE)).sign())
                .when().get("/v1/partner")
                .then().statusCode(200);
    }
}
