package id.perisai.api.webhook.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where webhooks may go (events.md, SSRF): {@code https} only — plain {@code http} only for allow-listed hosts — and
 * never to an address inside the network: loopback, private (RFC 1918), shared (100.64/10), link-local (with the cloud
 * metadata address 169.254.169.254), unique-local (fc00::/7), multicast, unspecified, broadcast or reserved, IPv4 or
 * IPv6 (also IPv4-mapped and NAT64-embedded forms), unless the host is in {@code PERISAI_WEBHOOK_ALLOWED_HOSTS}. The host
 * is resolved at each delivery and <b>every</b> address it resolves to must pass; the connection then goes to that
 * checked address (no second lookup an attacker's DNS could answer differently). Pure: resolution is passed in.
 */
public final class DestinationPolicy {

    /** Why a destination is refused (stored as a delivery's {@code lastError}; never the URL or the address). */
    public enum Refusal {
        URL_INVALID,
        SCHEME_NOT_ALLOWED,
        ADDRESS_NOT_ALLOWED,
        HOST_UNRESOLVED
    }

    /** A URL that passed: where to connect and what to send. */
    public record Destination(URI uri, boolean https, String host, int port, InetAddress address) {
        public String requestUri() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    /** Thrown when a destination is refused. */
    public static final class RefusedException extends Exception {
        private final Refusal refusal;

        public RefusedException(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** Resolves a host name to all its addresses (the JDK resolver in production). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowedHosts;

    public DestinationPolicy(Optional<List<String>> allowedHosts) {
        this.allowedHosts = allowedHosts.orElse(List.of()).stream().map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean allowListed(String host) {
        return allowedHosts.contains(stripBrackets(host).toLowerCase(Locale.ROOT));
    }

    /**
     * What can be known at registration, without resolving: the URL's form, its scheme and — for a literal address —
     * the address. Answers the parsed URL.
     */
    public URI checkAtRegistration(String url) throws RefusedException {
        URI uri = parse(url);
        String host = stripBrackets(uri.getHost());
        if (!allowListed(host) && isIpLiteral(host)) {
            InetAddress literal;
            try {
                literal = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new RefusedException(Refusal.URL_INVALID);
            }
            if (internal(literal)) {
                throw new RefusedException(Refusal.ADDRESS_NOT_ALLOWED);
            }
        }
        return uri;
    }

    /** At delivery: the URL again, then every address the host resolves to now. */
    public Destination resolve(String url, Resolver resolver) throws RefusedException {
        URI uri = parse(url);
        String host = stripBrackets(uri.getHost());
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedException(Refusal.HOST_UNRESOLVED);
        }
        if (addresses == null || addresses.length == 0) {
            throw new RefusedException(Refusal.HOST_UNRESOLVED);
        }
        if (!allowListed(host)) {
            for (InetAddress address : addresses) {
                if (internal(address)) {
                    throw new RefusedException(Refusal.ADDRESS_NOT_ALLOWED);
                }
            }
        }
        boolean https = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        return new Destination(uri, https, host, port, addresses[0]);
    }

    private URI parse(String url) throws RefusedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new RefusedException(Refusal.URL_INVALID);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                || !scheme.equals(uri.getScheme())) {
            throw new RefusedException(Refusal.URL_INVALID);
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && allowListed(uri.getHost()))) {
            throw new RefusedException(Refusal.SCHEME_NOT_ALLOWED);
        }
        return uri;
    }

    static String stripBrackets(String host) {
        return host != null && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+") || host.matches("(?i)0x[0-9a-f.x]+");
    }

    /** Whether an address lies inside a network (not a public unicast address). */
    public static boolean internal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return internalV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local (fd00:ec2::254 is the AWS metadata address)
            }
            if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return true; // fec0::/10 deprecated site-local
            }
            boolean zeroPrefix = true;
            for (int i = 0; i < 10; i++) {
                zeroPrefix &= b[i] == 0;
            }
            if (zeroPrefix && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || (b[10] == 0 && b[11] == 0))) {
                // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible): judge the embedded IPv4 address
                return internalV4(new byte[] { b[12], b[13], b[14], b[15] });
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return internalV4(new byte[] { b[12], b[13], b[14], b[15] }); // 64:ff9b::/96 NAT64
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return true; // 2001:db8::/32 documentation
            }
            return false;
        }
        return true;
    }

    private static boolean internalV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        return a0 == 0 // 0.0.0.0/8 "this network"
                || a0 == 10 // private
                || a0 == 127 // loopback
                || (a0 == 100 && (a1 & 0xc0) == 64) // 100.64.0.0/10 shared (carrier-grade NAT)
                || (a0 == 169 && a1 == 254) // link-local, with the cloud metadata address 169.254.169.254
                || (a0 == 172 && (a1 & 0xf0) == 16) // private
                || (a0 == 192 && a1 == 168) // private
                || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 2) // documentation
                || (a0 == 198 && (a1 & 0xfe) == 18) // 198.18.0.0/15 benchmarking
                || (a0 == 198 && a1 == 51 && (b[2] & 0xff) == 100) || (a0 == 203 && a1 == 0 && (b[2] & 0xff) == 113)
                || a0 >= 224; // multicast, reserved, broadcast
    }
}
