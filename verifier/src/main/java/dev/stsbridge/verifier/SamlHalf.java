package dev.stsbridge.verifier;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.verifier.VerifierServer.Mount;
import dev.stsbridge.verifier.iam.TrustPolicyValidator;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlOperation;

/**
 * The SAML half of the verifier, as {@link VerifierApplication} wires it: the trust-policy validator that
 * CreateRole / UpdateAssumeRolePolicy use, the AssumeRoleWithSAML pipeline that STS dispatches to, and the console
 * sign-in pages mounted next to the Query endpoint. Built in that order, each from the platform's
 * {@link VerifierCore}.
 */
public interface SamlHalf {

    TrustPolicyValidator trustPolicyValidator();

    AssumeRoleWithSamlOperation assumeRoleWithSaml(VerifierCore core);

    /** Handlers for {@code /saml}, {@code /saml/acs/*}, {@code /console}. */
    List<Mount> consolePages(VerifierCore core, AssumeRoleWithSamlOperation assumeRoleWithSaml);

    /**
     * Stand-ins until the SAML half is merged: trust policies are only required to be a JSON object
     * ("This policy contains invalid Json" otherwise), AssumeRoleWithSAML answers {@code ServiceFailure} (500)
     * "AssumeRoleWithSAML is not wired", no console pages.
     */
    static SamlHalf placeholder() {
        return new SamlHalf() {
            @Override
            public TrustPolicyValidator trustPolicyValidator() {
                return SamlHalf::requireJsonObject;
            }

            @Override
            public AssumeRoleWithSamlOperation assumeRoleWithSaml(VerifierCore core) {
                return request -> {
                    throw new AwsError("Receiver", "ServiceFailure", "AssumeRoleWithSAML is not wired", 500)
                            .exception();
                };
            }

            @Override
            public List<Mount> consolePages(VerifierCore core, AssumeRoleWithSamlOperation assumeRoleWithSaml) {
                return List.of();
            }
        };
    }

    /** Refuses a document that is not a JSON object, with IAM's recorded message. */
    private static void requireJsonObject(String document) {
        try {
            JsonNode node = new ObjectMapper().readTree(document);
            if (node != null && node.isObject()) {
                return;
            }
        } catch (JsonProcessingException e) {
            // refused below
        }
        throw AwsError.sender("MalformedPolicyDocument", "This policy contains invalid Json", 400).exception();
    }
}
