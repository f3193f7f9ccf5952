package dev.stsbridge.verifier;

import java.util.List;

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
}
