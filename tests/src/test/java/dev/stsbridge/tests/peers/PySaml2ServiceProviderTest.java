package dev.stsbridge.tests.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.idp.config.AwsAccount;
import dev.stsbridge.idp.config.AwsConfig;
import dev.stsbridge.idp.config.RoleRule;
import dev.stsbridge.idp.config.TagRule;
import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.idp.sso.SsoOutcome;
import dev.stsbridge.tests.support.Processes;
import dev.stsbridge.tests.support.Repository;
import dev.stsbridge.tests.support.RequiredTool;
import dev.stsbridge.tests.support.SamlXml;
import dev.stsbridge.tests.support.TestIdp;

/**
 * An SP we did not write: Debian's python3-pysaml2 ({@code tests/src/test/python/pysaml2_sp.py}, which checks
 * signatures with xmlsec1) configured as AWS's sign-in SP from nothing but our signed IdP metadata. It accepts
 * alice's response in every signing mode and reads the same Role, RoleSessionName, SourceIdentity and session-tag
 * values that the directory and the configuration give (computed here from them, not from the IdP's resolver); it
 * refuses a tampered response and one lacking a signature it requires.
 *
 * <p>Clock: pysaml2 checks the assertion's validity against the real time, so the IdP's clock is fixed at the
 * start of the class (the assertions are valid for 5 minutes from then).
 */
class PySaml2ServiceProviderTest {

    private static final Path SP = Repository.root().resolve("tests/src/test/python/pysaml2_sp.py");
    private static final Clock CLOCK = Clock.fixed(Instant.now(), ZoneOffset.UTC);

    @TempDir
    static Path work;

    private static Map<String, TestIdp> idps;

    @BeforeAll
    static void start() {
        RequiredTool.requirePythonModule("saml2");
        RequiredTool.require("xmlsec1");
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

    private record SpRun(int exitCode, JsonNode claims, String stderr) {
    }

    /** {@code /usr/bin/python3 pysaml2_sp.py md.xml response.b64 <required signatures>}. */
    private static SpRun sp(TestIdp idp, String samlResponse, String requiredSignatures) throws IOException {
        Path metadata = Files.write(work.resolve("idp-metadata.xml"), idp.signedMetadata());
        Path response = Files.writeString(work.resolve("response.b64"), samlResponse);
        Processes.Result run = Processes.command(RequiredTool.PYTHON3.path().toString(), SP.toString(),
                metadata.toString(), response.toString(), requiredSignatures).timeout(Duration.ofSeconds(60)).run();
        JsonNode claims = run.exitCode() == 0 ? new ObjectMapper().readTree(run.stdout()) : null;
        return new SpRun(run.exitCode(), claims, run.stderr());
    }

    @ParameterizedTest(name = "sign: {0}")
    @ValueSource(strings = {"assertion", "response", "both"})
    void pysaml2AcceptsAlicesResponseAndReadsTheValuesTheDirectoryAndConfigurationGive(String mode) throws Exception {
        TestIdp idp = idps.get(mode);
        SsoOutcome.Posted posted = idp.respond("alice", RoleChoice.all());

        SpRun run = sp(idp, posted.form().samlResponse(), mode);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        DirectoryUser alice = idp.user("alice");
        AwsConfig aws = idp.app().config().aws();
        JsonNode claims = run.claims();
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
        assertThat(texts(claims.get("sessionDuration"))).containsExactly("3600");
        assertThat(claims.get("issuer").asText()).isEqualTo(idp.entityId());
        assertThat(claims.get("nameId").asText())
                .isEqualTo(SamlXml.nameId(SamlXml.decode(posted.form().samlResponse())).getTextContent());
        assertThat(claims.get("nameIdFormat").asText()).isEqualTo("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        assertThat(texts(claims.get("audiences"))).containsExactly(aws.audience());
    }

    @Test
    void pysaml2RefusesAResponseWithAChangedSignedValue() throws Exception {
        TestIdp idp = idps.get("assertion");
        String tampered = SamlXml.tamperBase64(idp.respond("alice", RoleChoice.all()).form().samlResponse(),
                ">alice@example.com<", ">alicf@example.com<");

        SpRun run = sp(idp, tampered, "assertion");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).contains("refused: SignatureError: Failed to verify signature");
    }

    @Test
    void pysaml2RequiringASignedResponseRefusesAnAssertionOnlySignature() throws Exception {
        TestIdp idp = idps.get("assertion");

        SpRun run = sp(idp, idp.respond("alice", RoleChoice.all()).form().samlResponse(), "response");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).contains("refused: SignatureError: Signature missing for response");
    }

    @Test
    void pysaml2RefusesAResponseSignedByAKeyNotInTheMetadata() throws Exception {
        String fromAnotherIdp;
        try (TestIdp other = TestIdp.demo(work.resolve("other"), CLOCK)) {
            fromAnotherIdp = other.respond("alice", RoleChoice.all()).form().samlResponse();
        }

        SpRun run = sp(idps.get("assertion"), fromAnotherIdp, "assertion");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).contains("refused: SignatureError");
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
