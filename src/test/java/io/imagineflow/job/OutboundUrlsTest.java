package io.imagineflow.job;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule for a URL the functions call on a user's behalf, before and after the name is resolved. */
class OutboundUrlsTest {

    private final OutboundUrls deployed = new OutboundUrls(false);
    private final OutboundUrls local = new OutboundUrls(true);

    @Test
    void anHttpsUrlOfAPublicHostNameIsAllowed() {
        assertTrue(deployed.problem(URI.create("https://hooks.example.com:8443/imagine?team=ads"))
                .isEmpty());
    }

    @Test
    void eachBrokenRuleOfTheUrlIsNamed() {
        assertEquals(
                "must be https (was http)",
                deployed.problem(URI.create("http://hooks.example.com/")).orElseThrow());
        assertEquals(
                "must be https (was ftp)",
                deployed.problem(URI.create("ftp://hooks.example.com/")).orElseThrow());
        assertTrue(deployed.problem(URI.create("/relative/hook")).orElseThrow().startsWith("must be an absolute"));
        assertTrue(deployed.problem(URI.create("https://u:p@hooks.example.com/"))
                .orElseThrow()
                .contains("credentials"));
        assertTrue(deployed.problem(URI.create("https://hooks.example.com/#x"))
                .orElseThrow()
                .contains("fragment"));
        assertTrue(deployed.problem(URI.create("https://hooks.example.com/" + "a".repeat(2100)))
                .orElseThrow()
                .contains("2048"));
        for (String literal : List.of(
                "https://127.0.0.1/",
                "https://10.1.2.3/",
                "https://169.254.169.254/",
                "https://[::1]/",
                "https://[fd00:ec2::254]/",
                "https://0x7f000001/",
                "https://2130706433/")) {
            assertEquals(
                    "must name a host, not an IP address",
                    deployed.problem(URI.create(literal)).orElseThrow(),
                    literal);
        }
        assertTrue(
                deployed.problem(URI.create("https://localhost/")).orElseThrow().contains("localhost"));
        assertTrue(deployed.problem(URI.create("https://api.localhost/"))
                .orElseThrow()
                .contains("localhost"));
    }

    @Test
    void everyPrivateLoopbackLinkLocalOrReservedAddressIsRefused() throws Exception {
        for (String address : List.of(
                "127.0.0.1",
                "127.5.5.5",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "169.254.0.1",
                "100.64.0.1",
                "100.127.255.254",
                "0.0.0.0",
                "0.1.2.3",
                "192.0.0.8",
                "198.18.0.1",
                "224.0.0.1",
                "240.0.0.1",
                "255.255.255.255",
                "::1",
                "::",
                "fe80::1",
                "fd00:ec2::254",
                "fc00::7",
                "ff02::1",
                "fec0::1",
                "::ffff:10.0.0.1",
                "::ffff:169.254.169.254",
                "64:ff9b::a9fe:a9fe",
                "2002:a9fe:a9fe::1")) {
            assertTrue(deployed.addressProblem(InetAddress.getByName(address)).isPresent(), address);
        }
    }

    @Test
    void publicAddressesAreAllowed() throws Exception {
        for (String address : List.of(
                "93.184.216.34", "1.1.1.1", "100.128.0.1", "172.32.0.1", "2606:4700::1111", "64:ff9b::5db8:d822")) {
            assertTrue(deployed.addressProblem(InetAddress.getByName(address)).isEmpty(), address);
        }
    }

    @Test
    void aNameThatResolvesToAForbiddenAddressIsRefusedBeforeAnyConnection() {
        OutboundUrls.Refused refused = assertThrows(OutboundUrls.Refused.class, () -> deployed.resolve("localhost"));
        assertTrue(refused.getMessage().contains("a loopback address"), refused.getMessage());
    }

    @Test
    void theLocalRunAdmitsItsOwnLoopbackOverHttpAndNothingElseMore() throws Exception {
        assertTrue(local.problem(URI.create("http://127.0.0.1:9000/hook")).isEmpty());
        assertTrue(local.problem(URI.create("http://localhost:9000/hook")).isEmpty());
        assertTrue(local.resolve("localhost").length > 0);
        assertEquals(
                "must be https (was http)",
                local.problem(URI.create("http://hooks.example.com/")).orElseThrow());
        assertTrue(
                local.addressProblem(InetAddress.getByName("169.254.169.254")).isPresent());
        assertTrue(local.addressProblem(InetAddress.getByName("10.0.0.1")).isPresent());
    }
}
