package id.perisai.api.common.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

import id.perisai.api.common.config.PerisaiConfig;
import io.quarkus.arc.Arc;

/**
 * Every {@code Location} and link the API hands out: absolute from {@code PERISAI_PUBLIC_BASE_URL} when it is set,
 * else relative to the host ({@code /v1/agents/AG…}) — never built from the request's {@code Host} header, which
 * the client chooses (quality.md S8). Set the header with {@link #created}, not JAX-RS {@code created(URI)} or
 * {@code location(URI)}: those make a relative URI absolute from the request's host.
 */
@ApplicationScoped
public class PublicLinks {

    /** The configured base without a trailing slash, or "" for relative links. */
    private final String base;

    @Inject
    public PublicLinks(PerisaiConfig config) {
        this(config.publicBaseUrl().orElse(null));
    }

    /** For tools and tests: {@code baseUrl} null or blank for relative links. */
    public PublicLinks(String baseUrl) {
        this.base = baseUrl == null || baseUrl.isBlank() ? "" : checked(baseUrl.trim());
    }

    /** For the places that cannot take the bean through their constructor. */
    public static PublicLinks current() {
        return Arc.container().instance(PublicLinks.class).get();
    }

    static String checked(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("PERISAI_PUBLIC_BASE_URL is not a valid URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalStateException("PERISAI_PUBLIC_BASE_URL must be an http(s) URL of the API root, without"
                    + " user, query or fragment, e.g. https://api.perisai.bpjsketenagakerjaan.go.id");
        }
        return url.replaceAll("/+$", "");
    }

    /**
     * The link to a path of the API.
     *
     * @param path the path under the API root, e.g. {@code v1/agents} (leading slash optional), as is
     * @param segments path segments appended, each percent-encoded (ids are the caller's text)
     */
    public String to(String path, String... segments) {
        StringBuilder link = new StringBuilder(base);
        if (!path.startsWith("/")) {
            link.append('/');
        }
        link.append(path.replaceAll("/+$", ""));
        for (String segment : segments) {
            link.append('/').append(encodeSegment(segment));
        }
        return link.toString();
    }

    /** A 201 with the entity and its {@code Location}. */
    public <T> RestResponse<T> created(T entity, String path, String... segments) {
        return RestResponse.ResponseBuilder.<T> create(Response.Status.CREATED, entity)
                .header(HttpHeaders.LOCATION, to(path, segments)).build();
    }

    /** RFC 3986 path segment: unreserved characters as they are, every other byte of its UTF-8 form as %XX. */
    static String encodeSegment(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
