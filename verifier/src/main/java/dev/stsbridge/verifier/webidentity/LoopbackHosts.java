package dev.stsbridge.verifier.webidentity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The only hosts this model connects to for an OpenID provider (discovery, JWKS, a thumbprint): {@code 127.0.0.1},
 * {@code ::1} and {@code localhost}, and the last only while every address it resolves to is a loopback one (a hosts
 * file can say otherwise). The verifier never reaches beyond the machine.
 */
final class LoopbackHosts {

    private static final Set<String> NAMES = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private LoopbackHosts() {
    }

    /** Whether a URL's host (as {@code URI.getHost()} gives it; empty for none) may be connected to. */
    static boolean allows(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            return false;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(name.replace("[", "").replace("]", ""));
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
