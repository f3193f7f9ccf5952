package dev.stsbridge.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The web identity statement the demo adds to a role's SAML trust policy. */
class WebIdentityRegistrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVIDER = "arn:aws:iam::111122223333:oidc-provider/localhost:8443";
    private static final String SAML = IamRegistration.trustPolicy("arn:aws:iam::111122223333:saml-provider/stsbridge",
            "https://signin.aws.amazon.com/saml");

    @Test
    void theSamlStatementStaysAndAStatementForTheProviderNamesTheClientAndTheSubjects() throws Exception {
        JsonNode policy = JSON.readTree(WebIdentityRegistration.withWebIdentity(SAML, PROVIDER, "localhost:8443",
                List.of("sub-a", "sub-b")));
        assertThat(policy.get("Statement")).hasSize(2);
        assertThat(policy.get("Statement").get(0)).isEqualTo(JSON.readTree(SAML).get("Statement").get(0));
        assertThat(policy.get("Statement").get(1)).isEqualTo(JSON.readTree("""
                {"Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession"],
                 "Condition":{"StringEquals":{"localhost:8443:aud":"stsbridge-demo",
                                              "localhost:8443:sub":["sub-a","sub-b"]}}}""".formatted(PROVIDER)));
    }

    @Test
    void runningItAgainReplacesTheProvidersStatementInsteadOfAddingOne() throws Exception {
        String once = WebIdentityRegistration.withWebIdentity(SAML, PROVIDER, "localhost:8443", List.of("sub-a"));
        String twice = WebIdentityRegistration.withWebIdentity(once, PROVIDER, "localhost:8443", List.of("sub-b"));
        JsonNode statements = JSON.readTree(twice).get("Statement");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(1).at("/Condition/StringEquals/localhost:8443:sub").toString())
                .isEqualTo("[\"sub-b\"]");
    }

    @Test
    void aRoleNobodyGetsHasNoWebIdentityStatement() throws Exception {
        String withAlice = WebIdentityRegistration.withWebIdentity(SAML, PROVIDER, "localhost:8443", List.of("a"));
        String nobody = WebIdentityRegistration.withWebIdentity(withAlice, PROVIDER, "localhost:8443", List.of());
        assertThat(JSON.readTree(nobody)).isEqualTo(JSON.readTree(SAML));
    }
}
