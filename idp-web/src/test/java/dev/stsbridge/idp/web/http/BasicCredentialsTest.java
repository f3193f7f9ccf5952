package dev.stsbridge.idp.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** RFC 7617 Basic credentials: what is read, and what is not taken for credentials. */
class BasicCredentialsTest {

    private static Optional<BasicCredentials> parse(String header) {
        return BasicCredentials.parse(Optional.ofNullable(header));
    }

    private static String basic(byte[] raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw);
    }

    @Test
    void userAndPasswordSplitAtTheFirstColonInUtf8() {
        BasicCredentials credentials = parse(basic("alice:wonder:land ü".getBytes(StandardCharsets.UTF_8)))
                .orElseThrow();
        assertThat(credentials.username()).isEqualTo("alice");
        assertThat(new String(credentials.password())).isEqualTo("wonder:land ü");
        assertThat(credentials.toString()).doesNotContain("wonder");
        assertThat(parse("basic   " + Base64.getEncoder().encodeToString("a:b".getBytes(StandardCharsets.UTF_8))))
                .isPresent();
    }

    @Test
    void otherSchemesBadBase64NoColonAndInvalidUtf8AreNotCredentials() {
        assertThat(parse(null)).isEmpty();
        assertThat(parse("Bearer abc")).isEmpty();
        assertThat(parse("Basic")).isEmpty();
        assertThat(parse("Basic !!!")).isEmpty();
        assertThat(parse(basic("alice".getBytes(StandardCharsets.UTF_8)))).isEmpty();
        assertThat(parse(basic(new byte[] {'a', ':', (byte) 0xC3, (byte) 0x28}))).isEmpty();
    }
}
