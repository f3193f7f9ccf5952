package dev.stsbridge.verifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.stsbridge.verifier.VerifierServer.Mount;
import dev.stsbridge.verifier.auth.Account;
import dev.stsbridge.verifier.iam.TrustPolicyValidator;
import dev.stsbridge.verifier.policy.TrustPolicies;
import dev.stsbridge.verifier.saml.validation.SamlSettings;
import dev.stsbridge.verifier.signin.SignInHandler;
import dev.stsbridge.verifier.signin.SignInSettings;
import dev.stsbridge.verifier.sts.AssumeRoleWithSaml;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlOperation;

/** The SAML half: the trust-policy language, the AssumeRoleWithSAML pipeline and the console sign-in model. */
public final class SamlPipelines implements SamlHalf {

    /** AWS: an assertion must be redeemed within 5 minutes of its IssueInstant. */
    private static final Duration MAX_ISSUE_INSTANT_AGE = Duration.ofMinutes(5);

    private final TrustPolicies trustPolicies = new TrustPolicies();

    @Override
    public TrustPolicyValidator trustPolicyValidator() {
        return trustPolicies;
    }

    @Override
    public AssumeRoleWithSamlOperation assumeRoleWithSaml(VerifierCore core) {
        return new AssumeRoleWithSaml(core.iam(), trustPolicies, core.credentials(), core.settings().clock(),
                saml(core));
    }

    @Override
    public List<Mount> consolePages(VerifierCore core, AssumeRoleWithSamlOperation assumeRoleWithSaml) {
        Map<String, String> aliases = core.accounts().all().stream().filter(a -> a.alias().isPresent())
                .collect(Collectors.toMap(Account::id, a -> a.alias().orElseThrow()));
        SignInHandler handler = new SignInHandler(core.iam(), core.iam()::samlProviderByUuid, trustPolicies,
                core.credentials(), core.settings().clock(),
                SignInSettings.defaults().withSaml(saml(core)).withAccountAliases(aliases), core.consoleSessions());
        return List.of(new Mount("/saml", handler), new Mount("/saml/acs/*", handler),
                new Mount("/console", handler));
    }

    private static SamlSettings saml(VerifierCore core) {
        return new SamlSettings(core.settings().clockSkew(), core.settings().oneTimeUse(), MAX_ISSUE_INSTANT_AGE);
    }
}
