package io.imagineflow.job;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for a URL the functions call on a user's behalf (a webhook): https, a host name (no IP literal, no
 * credentials in it), and, once resolved, only public addresses: no loopback, private, link-local (the instance
 * metadata service at 169.254.169.254 and fd00:ec2::254 among them), carrier-grade NAT, multicast or reserved
 * address, also when it hides in an IPv4-mapped, NAT64 or 6to4 IPv6 address. The caller connects to the addresses
 * {@link #resolve} checked, never resolving the name again, so DNS cannot be made to answer differently in
 * between.
 * <p>
 * {@code allowLoopback} (local runs only) admits http and https to this machine's loopback, and nothing else more.
 */
public final class OutboundUrls {

    private static final int MAX_LENGTH = 2048;

    private final boolean allowLoopback;

    public OutboundUrls(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** The rule {@code url} breaks before any lookup, or empty. */
    public Optional<String> problem(URI url) {
        if (url.toString().length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (!url.isAbsolute() || url.getRawAuthority() == null || url.getHost() == null) {
            return Optional.of("must be an absolute https URL with a host name");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = allowLoopback && loopbackHost(url.getHost());
        if (!scheme.equals("https") && !(loopback && scheme.equals("http"))) {
            return Optional.of("must be https (was " + scheme + ")");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials (user:password@)");
        }
        if (url.getRawFragment() != null) {
            return Optional.of("must not have a fragment (#...)");
        }
        if (loopback) {
            return Optional.empty();
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") || host.matches("[0-9.]+") || host.matches("0x[0-9a-f.x]+")) {
            return Optional.of("must name a host, not an IP address");
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return Optional.of("must not name this machine (localhost)");
        }
        return Optional.empty();
    }

    /**
     * The addresses of {@code host}, every one of them allowed; throws {@link Refused} naming the rule when one
     * is not (a name that resolves to a public and a private address is refused as a whole).
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            Optional<String> why = addressProblem(address);
            if (why.isPresent()) {
                throw new Refused(host + " resolves to " + address.getHostAddress() + ", " + why.get());
            }
        }
        return addresses;
    }

    /** Why the functions must not call {@code address}, or empty. */
    public Optional<String> addressProblem(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("a loopback address");
        }
        if (address instanceof Inet6Address v6) {
            InetAddress embedded = embeddedIpv4(v6.getAddress());
            if (embedded != null) {
                return addressProblem(embedded).map(why -> why + " (inside an IPv6 address)");
            }
            int first = v6.getAddress()[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return Optional.of("a private address (fc00::/7, where fd00:ec2::254 is the metadata service)");
            }
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (169.254.169.254 is the metadata service)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            if (a0 == 0) {
                return Optional.of("a reserved address (0.0.0.0/8)");
            }
            if (a0 == 100 && (a1 & 0xc0) == 64) {
                return Optional.of("a carrier-grade NAT address (100.64.0.0/10)");
            }
            if (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) {
                return Optional.of("a reserved address (192.0.0.0/24)");
            }
            if (a0 == 198 && (a1 & 0xfe) == 18) {
                return Optional.of("a reserved address (198.18.0.0/15)");
            }
            if (a0 >= 240) {
                return Optional.of("a reserved address (240.0.0.0/4)");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) one. */
    private static InetAddress embeddedIpv4(byte[] a) {
        byte[] v4 = null;
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= a[i] == 0;
        }
        if (zeroPrefix && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
            v4 = new byte[] {a[12], a[13], a[14], a[15]};
        }
        if ((a[0] & 0xff) == 0x00 && (a[1] & 0xff) == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b) {
            v4 = new byte[] {a[12], a[13], a[14], a[15]};
        }
        if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x02) {
            v4 = new byte[] {a[2], a[3], a[4], a[5]};
        }
        try {
            return v4 == null ? null : InetAddress.getByAddress(v4);
        } catch (UnknownHostException impossible) {
            return null;
        }
    }

    private static boolean loopbackHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]");
    }

    /** A host whose address breaks a rule: not found, as far as the HTTP client is concerned. */
    public static final class Refused extends UnknownHostException {
        public Refused(String message) {
            super(message);
        }
    }
}
