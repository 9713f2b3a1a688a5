package id.perisai.api.security.service;

/** An RFC 6749 §5.2 error of the token endpoint. */
public class OAuthException extends RuntimeException {

    private final int status;
    private final String error;

    public OAuthException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    public static OAuthException invalidClient() {
        return new OAuthException(401, "invalid_client", "Client authentication failed");
    }

    public static OAuthException invalidScope(String description) {
        return new OAuthException(400, "invalid_scope", description);
    }

    public static OAuthException unsupportedGrantType() {
        return new OAuthException(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported");
    }

    public static OAuthException unauthorizedClient(String description) {
        return new OAuthException(400, "unauthorized_client", description);
    }
}
