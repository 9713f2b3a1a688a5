package id.perisai.api.webhook.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import id.perisai.api.webhook.delivery.DestinationPolicy.Refusal;
import id.perisai.api.webhook.delivery.DestinationPolicy.RefusedException;

/** SSRF (events.md): with the allow-list empty, as in production, every internal address class is refused. */
class DestinationPolicyTest {

    static final DestinationPolicy PRODUCTION = new DestinationPolicy(Optional.empty());

    /** A resolver answering the given literal addresses for any host. */
    static DestinationPolicy.Resolver resolvesTo(String... addresses) {
        return host -> {
            InetAddress[] found = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                found[i] = InetAddress.getByName(addresses[i]);
            }
            return found;
        };
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({ "127.0.0.1, loopback", "127.255.0.9, loopback", "::1, loopback", "10.0.0.1, private",
            "172.16.5.4, private", "172.31.255.255, private", "192.168.0.10, private", "100.64.0.1, shared CGNAT",
            "169.254.169.254, cloud metadata", "169.254.10.10, link-local", "fe80::1, link-local",
            "fd00:ec2::254, metadata (unique-local)", "fc00::1, unique-local", "fec0::1, site-local",
            "224.0.0.1, multicast", "239.1.2.3, multicast", "ff02::1, multicast", "0.0.0.0, unspecified",
            ":: , unspecified", "255.255.255.255, broadcast", "240.0.0.1, reserved", "::ffff:10.0.0.1, mapped private",
            "::ffff:127.0.0.1, mapped loopback", "64:ff9b::a9fe:a9fe, NAT64 metadata", "192.0.2.1, documentation",
            "198.18.0.1, benchmarking" })
    void everyInternalAddressIsRefusedAtDelivery(String address, String kind) {
        RefusedException refused = assertThrows(RefusedException.class,
                () -> PRODUCTION.resolve("https://hooks.wadah.example/perisai", resolvesTo(address.trim())));
        assertEquals(Refusal.ADDRESS_NOT_ALLOWED, refused.refusal(), kind);
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://127.0.0.1/", "https://[::1]/", "https://10.0.0.1/", "https://169.254.169.254/",
            "https://[fd00:ec2::254]/", "https://[::ffff:192.168.1.1]/", "https://224.0.0.1/", "https://0.0.0.0/" })
    void internalLiteralsAreRefusedAtRegistration(String url) {
        assertEquals(Refusal.ADDRESS_NOT_ALLOWED,
                assertThrows(RefusedException.class, () -> PRODUCTION.checkAtRegistration(url)).refusal());
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://hooks.wadah.example/", "http://127.0.0.1:8080/", "ftp://hooks.wadah.example/" })
    void onlyHttpsWithoutTheAllowList(String url) {
        assertEquals(Refusal.SCHEME_NOT_ALLOWED,
                assertThrows(RefusedException.class, () -> PRODUCTION.checkAtRegistration(url)).refusal());
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://user:secret@hooks.wadah.example/", "hooks.wadah.example/x", "https:///path",
            "https://hooks.wadah.example/#fragment" })
    void malformedUrlsAreRefused(String url) {
        assertEquals(Refusal.URL_INVALID,
                assertThrows(RefusedException.class, () -> PRODUCTION.checkAtRegistration(url)).refusal());
    }

    @org.junit.jupiter.api.Test
    void oneInternalAddressAmongPublicOnesIsEnough() {
        assertThrows(RefusedException.class,
                () -> PRODUCTION.resolve("https://hooks.wadah.example/", resolvesTo("93.184.215.14", "10.0.0.7")));
    }

    @org.junit.jupiter.api.Test
    void aPublicAddressPassesAndIsTheOneConnectedTo() throws Exception {
        DestinationPolicy.Destination d = PRODUCTION.resolve("https://hooks.wadah.example:8443/p?q=1",
                resolvesTo("93.184.215.14"));
        assertEquals("93.184.215.14", d.address().getHostAddress());
        assertEquals("hooks.wadah.example", d.host());
        assertEquals(8443, d.port());
        assertEquals("/p?q=1", d.requestUri());
    }

    @org.junit.jupiter.api.Test
    void anUnresolvableHostIsRefused() {
        assertEquals(Refusal.HOST_UNRESOLVED, assertThrows(RefusedException.class,
                () -> PRODUCTION.resolve("https://nowhere.invalid/", host -> {
                    throw new UnknownHostException();
                })).refusal());
    }

    @org.junit.jupiter.api.Test
    void allowListedHostsMayBePlainHttpAndInternal() throws Exception {
        DestinationPolicy dev = new DestinationPolicy(Optional.of(List.of("127.0.0.1", " Receiver.Local ")));
        assertEquals(80, dev.resolve("http://receiver.local/", resolvesTo("127.0.0.1")).port());
        dev.checkAtRegistration("http://127.0.0.1:9999/hook");
        assertThrows(RefusedException.class, () -> dev.checkAtRegistration("http://10.0.0.1/"));
    }
}
