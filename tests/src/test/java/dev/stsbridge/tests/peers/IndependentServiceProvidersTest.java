package dev.stsbridge.tests.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stsbridge.idp.config.AwsAccount;
import dev.stsbridge.idp.config.AwsConfig;
import dev.stsbridge.idp.config.RoleRule;
import dev.stsbridge.idp.config.TagRule;
import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.tests.support.SamlXml;
import dev.stsbridge.tests.support.TestIdp;

/**
 * SPs we did not write judge our responses: Debian's python3-pysaml2 and python3-onelogin-saml2
 * ({@link PythonServiceProvider}), each configured as AWS's sign-in SP from nothing but our signed IdP metadata.
 * Both accept alice's response in every signing mode and read the same Role, RoleSessionName, SourceIdentity,
 * SessionDuration and session-tag values that the directory and the configuration give (computed here from them,
 * not by the IdP's resolver); both refuse a tampered response, one lacking a signature they require, and one signed
 * by a key that is not in the metadata.
 *
 * <p>Clock: the SPs check validity against the real time, so the IdP's clock is fixed at the start of the class
 * (its assertions are valid for 5 minutes from then).
 */
class IndependentServiceProvidersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.now(), ZoneOffset.UTC);

    @TempDir
    static Path work;

    private static Map<String, TestIdp> idps;

    @BeforeAll
    static void start() {
        for (PythonServiceProvider sp : PythonServiceProvider.values()) {
            sp.requireInstalled();
        }
        idps = new LinkedHashMap<>();
        for (String mode : List.of("assertion", "response", "both")) {
            idps.put(mode, TestIdp.fromYaml(TestIdp.demoYaml().replace("sign: assertion", "sign: " + mode),
                    work.resolve("data"), CLOCK));
        }
    }

    @AfterAll
    static void stop() {
        idps.values().forEach(TestIdp::close);
    }

    static Stream<Arguments> everySpAndSigningMode() {
        return Stream.of(PythonServiceProvider.values()).flatMap(sp -> Stream.of("assertion", "response", "both")
                .map(mode -> Arguments.of(sp, mode)));
    }

    @ParameterizedTest(name = "{0}, sign: {1}")
    @MethodSource("everySpAndSigningMode")
    void theSpAcceptsAlicesResponseAndReadsWhatTheDirectoryAndConfigurationGive(PythonServiceProvider sp, String mode) {
        TestIdp idp = idps.get(mode);
        String samlResponse = idp.respond("alice", RoleChoice.all()).form().samlResponse();

        PythonServiceProvider.Verdict verdict = sp.judge(work, idp.signedMetadata(), samlResponse, mode);

        assertThat(verdict.exitCode()).as(verdict.stderr()).isZero();
        DirectoryUser alice = idp.user("alice");
        AwsConfig aws = idp.app().config().aws();
        JsonNode claims = verdict.claims();
        assertThat(texts(claims.get("roles"))).containsExactlyElementsOf(expectedRolePairs(aws, alice))
                .containsExactly("arn:aws:iam::111122223333:role/Admin,arn:aws:iam::111122223333:saml-provider/stsbridge",
                        "arn:aws:iam::444455556666:role/Developer,arn:aws:iam::444455556666:saml-provider/stsbridge");
        assertThat(texts(claims.get("roleSessionName"))).containsExactly(alice.firstValue("mail").orElseThrow());
        assertThat(texts(claims.get("sourceIdentity"))).containsExactly(alice.firstValue("uid").orElseThrow());
        for (TagRule tag : aws.sessionTags()) {
            assertThat(texts(claims.at("/principalTags/" + tag.key()))).as("PrincipalTag:" + tag.key())
                    .containsExactly(alice.firstValue(tag.attribute().orElseThrow()).orElseThrow());
        }
        assertThat(claims.get("principalTags").size()).isEqualTo(aws.sessionTags().size());
        assertThat(texts(claims.get("transitiveTagKeys"))).containsExactlyElementsOf(aws.transitiveTagKeys());
        assertThat(texts(claims.get("sessionDuration"))).containsExactly(
                String.valueOf(aws.sessionDuration().orElseThrow().toSeconds()));
        assertThat(claims.get("issuer").asText()).isEqualTo(idp.entityId());
        assertThat(claims.get("nameId").asText())
                .isEqualTo(SamlXml.nameId(SamlXml.decode(samlResponse)).getTextContent());
        assertThat(claims.get("nameIdFormat").asText()).isEqualTo("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        assertThat(texts(claims.get("audiences"))).containsExactly(aws.audience());
    }

    @ParameterizedTest
    @EnumSource(PythonServiceProvider.class)
    void theSpRefusesAResponseWithAChangedSignedValue(PythonServiceProvider sp) {
        TestIdp idp = idps.get("assertion");
        String tampered = SamlXml.tamperBase64(idp.respond("alice", RoleChoice.all()).form().samlResponse(),
                ">alice@example.com<", ">alicf@example.com<");

        PythonServiceProvider.Verdict verdict = sp.judge(work, idp.signedMetadata(), tampered, "assertion");

        assertThat(verdict.exitCode()).isEqualTo(3);
        assertThat(verdict.stderr()).contains(switch (sp) {
            case PYSAML2 -> "refused: SignatureError: Failed to verify signature";
            case ONELOGIN -> "refused: OneLogin_Saml2_ValidationError: Signature validation failed. SAML Response rejected";
        });
    }

    @ParameterizedTest
    @EnumSource(PythonServiceProvider.class)
    void theSpRequiringASignedResponseRefusesAnAssertionOnlySignature(PythonServiceProvider sp) {
        TestIdp idp = idps.get("assertion");

        PythonServiceProvider.Verdict verdict = sp.judge(work, idp.signedMetadata(),
                idp.respond("alice", RoleChoice.all()).form().samlResponse(), "response");

        assertThat(verdict.exitCode()).isEqualTo(3);
        assertThat(verdict.stderr()).contains(switch (sp) {
            case PYSAML2 -> "refused: SignatureError: Signature missing for response";
            case ONELOGIN -> "refused: OneLogin_Saml2_ValidationError: The Message of the Response is not signed and the SP "
                    + "require it";
        });
    }

    @ParameterizedTest
    @EnumSource(PythonServiceProvider.class)
    void theSpRefusesAResponseSignedByAKeyNotInTheMetadata(PythonServiceProvider sp) {
        String fromAnotherIdp;
        try (TestIdp other = TestIdp.demo(work.resolve("other"), CLOCK)) {
            fromAnotherIdp = other.respond("alice", RoleChoice.all()).form().samlResponse();
        }

        PythonServiceProvider.Verdict verdict = sp.judge(work, idps.get("assertion").signedMetadata(), fromAnotherIdp,
                "assertion");

        assertThat(verdict.exitCode()).isEqualTo(3);
        assertThat(verdict.stderr()).contains(switch (sp) {
            case PYSAML2 -> "refused: SignatureError";
            case ONELOGIN -> "refused: OneLogin_Saml2_ValidationError: Signature validation failed";
        });
    }

    /** What the configuration's role rules give this person, from the rules and the directory's groups. */
    private static List<String> expectedRolePairs(AwsConfig aws, DirectoryUser user) {
        List<String> pairs = new ArrayList<>();
        for (RoleRule rule : aws.roles()) {
            if (user.isMemberOf(rule.group())) {
                AwsAccount account = aws.account(rule.account()).orElseThrow();
                pairs.add("arn:aws:iam::" + account.id() + ":role/" + rule.role() + ",arn:aws:iam::" + account.id()
                        + ":saml-provider/" + account.providerName());
            }
        }
        return pairs;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
