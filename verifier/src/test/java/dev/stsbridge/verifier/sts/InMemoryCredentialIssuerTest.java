package dev.stsbridge.verifier.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class InMemoryCredentialIssuerTest {

    private static final SessionGrant GRANT = new SessionGrant("111122223333", "arn:aws:iam::111122223333:role/Admin",
            "arn:aws:sts::111122223333:assumed-role/Admin/alice", "AROAEXAMPLE0000000001:alice",
            Instant.parse("2025-03-01T13:00:00Z"), Map.of("team", "platform"), List.of("team"), Optional.of("alice"));

    @Test
    void issueMintsAwsShapedCredentialsExpiringWithTheGrant() {
        TemporaryCredentials credentials = new InMemoryCredentialIssuer().issue(GRANT);

        assertThat(credentials.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(credentials.secretAccessKey()).hasSize(40).matches("[A-Za-z0-9+/]{40}");
        assertThat(Base64.getDecoder().decode(credentials.sessionToken())).hasSize(256);
        assertThat(credentials.expiration()).isEqualTo(GRANT.expiration());
    }

    @Test
    void findReturnsTheSessionAKeyStandsFor() {
        InMemoryCredentialIssuer issuer = new InMemoryCredentialIssuer();
        TemporaryCredentials credentials = issuer.issue(GRANT);

        assertThat(issuer.find(credentials.accessKeyId()))
                .contains(new CredentialIssuer.IssuedSession(credentials, GRANT));
        assertThat(issuer.find("ASIAUNKNOWN00000000")).isEmpty();
    }

    @Test
    void issueNeverRepeatsAKeyOrSecret() {
        InMemoryCredentialIssuer issuer = new InMemoryCredentialIssuer();
        TemporaryCredentials a = issuer.issue(GRANT);
        TemporaryCredentials b = issuer.issue(GRANT);

        assertThat(a.accessKeyId()).isNotEqualTo(b.accessKeyId());
        assertThat(a.secretAccessKey()).isNotEqualTo(b.secretAccessKey());
        assertThat(a.sessionToken()).isNotEqualTo(b.sessionToken());
    }

    @Test
    void issueBeyondCapacityForgetsTheOldestSessions() {
        InMemoryCredentialIssuer issuer = new InMemoryCredentialIssuer(2);
        TemporaryCredentials first = issuer.issue(GRANT);
        TemporaryCredentials second = issuer.issue(GRANT);
        TemporaryCredentials third = issuer.issue(GRANT);

        assertThat(issuer.find(first.accessKeyId())).isEmpty();
        assertThat(issuer.find(second.accessKeyId())).isPresent();
        assertThat(issuer.find(third.accessKeyId())).isPresent();
    }

    @Test
    void credentialsNeverPrintTheirSecrets() {
        TemporaryCredentials credentials = new InMemoryCredentialIssuer().issue(GRANT);

        assertThat(credentials.toString()).doesNotContain(credentials.secretAccessKey())
                .doesNotContain(credentials.sessionToken());
    }
}
