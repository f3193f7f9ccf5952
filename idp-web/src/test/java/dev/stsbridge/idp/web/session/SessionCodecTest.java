package dev.stsbridge.idp.web.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.mfa.AuthnContextRequest;
import dev.stsbridge.idp.sso.SignedInUser;

/** A session's JSON for shared stores: every field comes back, and the session ID is never in it. */
class SessionCodecTest {

    private static final String ID = "sEcReT-session-id-0123456789abcdefghijklmnopq";

    private static Session everyField() {
        DirectoryUser alice = new DirectoryUser("alice", "uid=alice,ou=people,dc=example,dc=com", "a-1-b-2",
                Map.of("mail", List.of("alice@example.com"), "departmentNumber", List.of("engineering", "platform")),
                Set.of("cn=aws-prod-admin,ou=groups,dc=example,dc=com"));
        SignedInUser user = new SignedInUser(alice, Instant.parse("2026-11-25T12:00:00.123456Z"),
                "https://refeds.org/profile/mfa", "_0123abcd", Instant.parse("2026-11-25T20:00:00Z"));
        PendingAuthnRequest pending = new PendingAuthnRequest("https://sp.example.test/saml",
                URI.create("https://sp.example.test/acs?x=1"), "_req-7", Optional.of("relay state"),
                Optional.of(new AuthnContextRequest(AuthnContextRequest.Comparison.MINIMUM,
                        List.of("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"))));
        MfaState mfa = new MfaState(Optional.of(user), Optional.of("/portal"), Optional.of("challenge-b64"),
                Optional.of("totp-secret-b64"));
        SpParticipant signedIn = new SpParticipant("https://sp.example.test/saml", "opaque-7f",
                "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", Optional.of("https://idp.example.test"),
                Optional.of("https://sp.example.test/saml"), "_si-1");
        SpParticipant loggingOut = new SpParticipant("https://wiki.example.test/saml", "alice@example.com",
                "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", Optional.empty(), Optional.empty(), "_si-2",
                SpParticipant.Logout.SENT, Optional.of("_logout-9"), Optional.of("relay"));
        return new Session(ID, "csrf-token", Instant.parse("2026-11-25T11:59:00Z"),
                Instant.parse("2026-11-25T12:01:00Z"), Optional.of(user), Optional.of(pending), mfa,
                List.of(signedIn, loggingOut));
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        Session session = everyField();
        assertThat(SessionCodec.decode(ID, SessionCodec.encode(session))).isEqualTo(session);
    }

    @Test
    void anAnonymousSessionSurvivesTheRoundTrip() {
        Session session = new Session(ID, "csrf", Instant.EPOCH, Instant.EPOCH, Optional.empty(), Optional.empty());
        assertThat(SessionCodec.decode(ID, SessionCodec.encode(session))).isEqualTo(session);
    }

    @Test
    void theJsonCarriesTheFormatButNotTheSessionId() {
        String json = SessionCodec.encode(everyField());
        assertThat(json).startsWith("{\"format\":1,\"session\":{").doesNotContain(ID).doesNotContain("\"id\"");
    }

    @Test
    void aRowWrittenBeforeAnOptionalComponentExistedReadsItAsEmpty() {
        Session session = new Session(ID, "csrf", Instant.EPOCH, Instant.EPOCH, Optional.empty(), Optional.empty());
        String older = SessionCodec.encode(session).replace(",\"pending\":null", "");
        assertThat(older).doesNotContain("pending");
        assertThat(SessionCodec.decode(ID, older)).isEqualTo(session);
    }

    @Test
    void aRowWrittenBeforeSingleLogoutReadsAsNoParticipants() {
        Session session = new Session(ID, "csrf", Instant.EPOCH, Instant.EPOCH, Optional.empty(), Optional.empty());
        String older = SessionCodec.encode(session).replace(",\"participants\":[]", "");
        assertThat(older).doesNotContain("participants");
        assertThat(SessionCodec.decode(ID, older).participants()).isEmpty();
    }

    @Test
    void anotherFormatIsRefused() {
        assertThatThrownBy(() -> SessionCodec.decode(ID, "{\"format\":2,\"session\":{}}"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("a stored session of format 2, expected 1");
    }

    @Test
    void jsonThatIsNotASessionIsRefused() {
        assertThatThrownBy(() -> SessionCodec.decode(ID, "{\"format\":1,\"session\":{\"csrfToken\":\"x\"}}"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("a stored session does not decode: ");
    }
}
