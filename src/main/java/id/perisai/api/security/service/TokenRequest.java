package id.perisai.api.security.service;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A client-credentials token request (RFC 6749 §4.4) with the client authenticated by HTTP Basic or by
 * {@code client_id}/{@code client_secret} form parameters (exactly one of the two).
 */
public record TokenRequest(String clientId, String clientSecret, String scope) {

    static final int MAX_CLIENT_ID = 64;
    static final int MAX_SECRET = 256;
    /** The form parameters of a client-credentials request. */
    static final java.util.Set<String> PARAMETERS = java.util.Set.of("grant_type", "client_id", "client_secret", "scope");

    /**
     * @param form the form parameters, every value list as received
     * @param authorization the Authorization header, or null
     */
    /**
     * Decodes an {@code application/x-www-form-urlencoded} body (UTF-8); a malformed escape is the client's error
     * ({@code invalid_request}), not the server's.
     */
    public static Map<String, List<String>> form(String body) {
        Map<String, List<String>> form = new java.util.LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                        java.nio.charset.StandardCharsets.UTF_8);
                String value = eq < 0 ? ""
                        : java.net.URLDecoder.decode(pair.substring(eq + 1),
                                java.nio.charset.StandardCharsets.UTF_8);
                form.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
            } catch (IllegalArgumentException malformed) {
                throw OAuthException.invalidRequest("The form body is not validly URL-encoded");
            }
        }
        return form;
    }

    public static TokenRequest parse(Map<String, List<String>> form, String authorization) {
        for (Map.Entry<String, List<String>> param : form.entrySet()) {
            if (param.getValue() != null && param.getValue().size() > 1) {
                // a name we do not know is the client's text: not echoed
                throw OAuthException.invalidRequest(PARAMETERS.contains(param.getKey())
                        ? "Parameter " + param.getKey() + " is repeated"
                        : "A form parameter is repeated");
            }
        }
        String grantType = single(form, "grant_type");
        if (grantType == null || grantType.isEmpty()) {
            throw OAuthException.invalidRequest("grant_type is required");
        }
        if (!"client_credentials".equals(grantType)) {
            throw OAuthException.unsupportedGrantType();
        }
        String formId = single(form, "client_id");
        String formSecret = single(form, "client_secret");
        String[] basic = basic(authorization);
        if (basic != null && (formId != null || formSecret != null)) {
            throw OAuthException
                    .invalidRequest("Use either HTTP Basic or form parameters to authenticate the client, not both");
        }
        String clientId = basic != null ? basic[0] : formId;
        String secret = basic != null ? basic[1] : formSecret;
        if (clientId == null || clientId.isEmpty() || secret == null || secret.isEmpty()
                || clientId.length() > MAX_CLIENT_ID || secret.length() > MAX_SECRET || !visibleAscii(clientId)) {
            throw OAuthException.invalidClient();
        }
        return new TokenRequest(clientId, secret, single(form, "scope"));
    }

    /**
     * Client ids are printable ASCII (RFC 6749 VSCHAR; ours: {@code prc_…}): anything else names no client and is not looked
     * up.
     */
    static boolean visibleAscii(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static String single(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** RFC 6749 §2.3.1: base64(urlencode(id) ":" urlencode(secret)); null when the header is not Basic. */
    static String[] basic(String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw OAuthException.invalidClient();
        }
        try {
            return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient();
        }
    }
}
