package id.perisai.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import id.perisai.api.security.service.OAuthException;
import id.perisai.api.security.service.TokenRequest;

class TokenRequestTest {

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicCredentialsAreFormDecoded() {
        TokenRequest r = TokenRequest.parse(Map.of("grant_type", List.of("client_credentials")),
                basic("my%20client", "s%3Acret+x"));
        assertEquals("my client", r.clientId());
        assertEquals("s:cret x", r.clientSecret());
        assertNull(r.scope());
    }

    @Test
    void rawFormBodiesAreDecodedAndMalformedEscapesRefused() {
        assertEquals(Map.of("grant_type", List.of("client_credentials"), "scope", List.of("agents:read x"), "e",
                List.of("")), TokenRequest.form("grant_type=client_credentials&scope=agents%3Aread+x&e&"));
        assertEquals(Map.of("a", List.of("1", "2")), TokenRequest.form("a=1&a=2"));
        assertEquals(Map.of(), TokenRequest.form(""));
        for (String bad : List.of("grant_type=%zz", "a%=1", "scope=%E")) {
            OAuthException e = assertThrows(OAuthException.class, () -> TokenRequest.form(bad), bad);
            assertEquals("invalid_request", e.error());
            assertEquals(400, e.status());
        }
    }

    @Test
    void formCredentialsAndScope() {
        TokenRequest r = TokenRequest.parse(Map.of("grant_type", List.of("client_credentials"), "client_id", List.of("c"),
                "client_secret", List.of("s"), "scope", List.of("agents:read")), null);
        assertEquals("c", r.clientId());
        assertEquals("agents:read", r.scope());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "no grant_type                 | invalid_request",
            "grant_type=password           | unsupported_grant_type",
            "no credentials                | invalid_client",
            "secret without id             | invalid_client",
            "basic and form                | invalid_request",
            "repeated parameter            | invalid_request",
            "basic without colon           | invalid_client",
            "oversized client id           | invalid_client" })
    void malformedRequestsGetTheRfc6749Error(String scenario, String error) {
        Map<String, List<String>> form;
        String header = null;
        switch (scenario) {
            case "no grant_type" -> form = Map.of("client_id", List.of("c"), "client_secret", List.of("s"));
            case "grant_type=password" -> form = Map.of("grant_type", List.of("password"));
            case "no credentials" -> form = Map.of("grant_type", List.of("client_credentials"));
            case "secret without id" ->
                form = Map.of("grant_type", List.of("client_credentials"), "client_secret", List.of("s"));
            case "basic and form" -> {
                form = Map.of("grant_type", List.of("client_credentials"), "client_id", List.of("c"));
                header = basic("c", "s");
            }
            case "repeated parameter" -> form = Map.of("grant_type", List.of("client_credentials", "client_credentials"));
            case "basic without colon" -> {
                form = Map.of("grant_type", List.of("client_credentials"));
                header = "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes());
            }
            default -> form = Map.of("grant_type", List.of("client_credentials"), "client_id", List.of("c".repeat(65)),
                    "client_secret", List.of("s"));
        }
        Map<String, List<String>> f = form;
        String h = header;
        OAuthException e = assertThrows(OAuthException.class, () -> TokenRequest.parse(f, h));
        assertEquals(error, e.error());
    }
}
