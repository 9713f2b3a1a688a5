package id.perisai.api.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * quality.md S2: encoded or doubled separators, matrix parameters and dot segments never get a partner token into
 * an admin endpoint (or an admin token into a partner endpoint). Raw paths are sent as written.
 */
@QuarkusTest
class PathVariantTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String partner;

    @BeforeEach
    void partner() {
        if (partner != null) {
            return;
        }
        partner = Fixtures.partner("PATHS");
    }

    @ParameterizedTest(name = "partner token on {0}")
    @ValueSource(strings = { "/v1/admin/partners", "//v1/admin/partners", "/v1//admin/partners", "/v1/admin//partners",
            "/v1/admin/partners/", "/v1/admin;x=1/partners", "/v1;/admin/partners", "/v1/admin/partners;x=1",
            "/v1/admin%2Fpartners", "/v1%2Fadmin%2Fpartners", "/v1/admin%2fpartners", "/v1/admin/partners%3Bx=1",
            "/v1/admin%3B/partners", "/v1/./admin/partners", "/v1/x/../admin/partners", "/v1/%2e/admin/partners",
            "/v1/ADMIN/partners", "/v1/admin/partners%00", "/V1/admin/partners", "/v1/admin/partners/%2e%2e/partners" })
    void partnerTokenNeverReachesAdmin(String rawPath) throws Exception {
        String token = TestTokens.partner(partner, "agents:read", "agents:write", "registrations:read",
                "registrations:write", "contributions:read", "contributions:write", "incentives:read").sign();
        assertRefused(rawPath, token);
    }

    @ParameterizedTest(name = "no token on {0}")
    @ValueSource(strings = { "/v1/admin/partners", "//v1/admin/partners", "/v1//admin/partners", "/v1/admin;x=1/partners",
            "/v1/admin%2Fpartners", "/v1/admin/partners%3Bx", "/v1/./admin/partners", "/v1//partner", "/v1/partner;x=1",
            "/v1%2Fpartner" })
    void anonymousNeverReachesApi(String rawPath) throws Exception {
        assertRefused(rawPath, null);
    }

    @ParameterizedTest(name = "admin token on {0}")
    @ValueSource(strings = { "/v1/partner", "//v1/partner", "/v1//partner", "/v1/partner;x=1", "/v1%2Fpartner",
            "/v1/partner%3Bx", "/v1/./partner", "/v1/admin/../partner" })
    void adminTokenNeverReachesPartnerEndpoints(String rawPath) throws Exception {
        assertRefused(rawPath, TestTokens.admin().sign());
    }

    private static void assertRefused(String rawPath, String token) throws Exception {
        int port = io.restassured.RestAssured.port;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + rawPath)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        assertTrue(status == 400 || status == 401 || status == 403 || status == 404 || status == 405,
                rawPath + " answered " + status + ": " + response.body());
    }
}
