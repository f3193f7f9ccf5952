package dev.stsbridge.verifier.webidentity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hosts the model connects to for an OpenID provider: loopback names and addresses, nothing else. */
class LoopbackHostsTest {

    @Test
    void loopbackAddressesAndLocalhostAreAllowed() {
        assertThat(LoopbackHosts.allows("127.0.0.1")).isTrue();
        assertThat(LoopbackHosts.allows("[::1]")).isTrue();
        assertThat(LoopbackHosts.allows("LOCALHOST")).isTrue();
    }

    @Test
    void otherHostsAreRefusedBeforeAnyLookup() {
        assertThat(LoopbackHosts.allows("127.0.0.1.example.com")).isFalse();
        assertThat(LoopbackHosts.allows("10.0.0.1")).isFalse();
        assertThat(LoopbackHosts.allows("127.0.0.2")).isFalse();
        assertThat(LoopbackHosts.allows("")).isFalse();
    }
}
