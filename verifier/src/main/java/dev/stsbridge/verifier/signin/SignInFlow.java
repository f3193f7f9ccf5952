package dev.stsbridge.verifier.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.iam.SamlProvider;
import dev.stsbridge.verifier.policy.AuthorizedRole;
import dev.stsbridge.verifier.policy.RoleAuthorizer;
import dev.stsbridge.verifier.policy.SessionLength;
import dev.stsbridge.verifier.policy.TrustPolicies;
import dev.stsbridge.verifier.saml.AssertionDecrypter;
import dev.stsbridge.verifier.saml.OpenedResponse;
import dev.stsbridge.verifier.saml.ParsedResponse;
import dev.stsbridge.verifier.saml.SamlResponseDecoder;
import dev.stsbridge.verifier.saml.SignatureVerifier;
import dev.stsbridge.verifier.saml.StsErrors;
import dev.stsbridge.verifier.saml.VerifiedAssertion;
import dev.stsbridge.verifier.saml.validation.AssertionValidator;
import dev.stsbridge.verifier.saml.validation.RolePair;
import dev.stsbridge.verifier.saml.validation.ValidatedClaims;
import dev.stsbridge.verifier.sts.CredentialIssuer;
import dev.stsbridge.verifier.sts.SessionGrant;
import dev.stsbridge.verifier.sts.TemporaryCredentials;

/**
 * The console's sign-in pipeline: the same stages as AssumeRoleWithSAML. The endpoint is not told the provider:
 * {@code /saml} takes it from each Role pair's provider ARN (and verifies the assertion with each such provider's
 * keys; any failure refuses the whole sign-in), {@code /saml/acs/<IdP-ID>} from the IdP-ID. The session lasts
 * {@code SessionDuration} (default 3600 s) capped by {@code SessionNotOnOrAfter}; MaxSessionDuration does not apply.
 */
final class SignInFlow {
    private final IamDirectory iam;
    private final ProvidersByUuid providersByUuid;
    private final CredentialIssuer credentials;
    private final Clock clock;
    private final AssertionDecrypter decrypter = new AssertionDecrypter();
    private final SignatureVerifier signatures = new SignatureVerifier();
    private final AssertionValidator assertions;
    private final RoleAuthorizer trustPolicies;

    SignInFlow(IamDirectory iam, ProvidersByUuid providersByUuid, TrustPolicies policies, CredentialIssuer credentials,
               Clock clock, SignInSettings settings) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.providersByUuid = Objects.requireNonNull(providersByUuid, "providersByUuid");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.assertions = new AssertionValidator(settings.saml());
        this.trustPolicies = new RoleAuthorizer(iam, policies);
    }

    /** The claims of the posted response, verified with each provider it names (or the IdP-ID's provider). */
    List<ValidatedClaims> verify(String samlResponse, Optional<String> idpId) {
        byte[] xml = SamlResponseDecoder.decode(samlResponse);
        ParsedResponse parsed = ParsedResponse.parse(xml);
        List<ValidatedClaims> verified = new ArrayList<>();
        for (SamlProvider provider : providers(parsed, idpId)) {
            OpenedResponse opened = decrypter.open(parsed, provider);
            VerifiedAssertion signed = signatures.verify(opened, provider.signingCertificates());
            verified.add(assertions.inspect(signed, provider, clock.instant()));
        }
        return verified;
    }

    /** The role pairs the user may choose from: in each provider's verified claims, the pairs naming that provider. */
    static List<Choice> choices(List<ValidatedClaims> verified) {
        List<Choice> choices = new ArrayList<>();
        for (ValidatedClaims claims : verified) {
            claims.rolePairs().stream().filter(pair -> pair.providerArn().equals(claims.provider().arn()))
                    .filter(pair -> choices.stream().noneMatch(c -> c.pair().roleArn().equals(pair.roleArn())))
                    .forEach(pair -> choices.add(new Choice(pair, claims)));
        }
        return choices;
    }

    /** Assumes the chosen role for the console: redeem (one-time use), trust policy, session length, credentials. */
    Signed assume(Choice choice) {
        Instant now = clock.instant();
        assertions.redeem(choice.claims(), now);
        AuthorizedRole role = trustPolicies.authorize(choice.pair(), choice.claims());
        Instant expiry = SessionLength.forConsole(role, now);
        ValidatedClaims claims = role.claims();
        SessionGrant grant = new SessionGrant(role.role().accountId(), role.role().arn(), role.assumedRoleArn(),
                role.assumedRoleId(), expiry, claims.sessionTags().tags(), claims.sessionTags().transitiveTagKeys(),
                claims.sourceIdentity());
        return new Signed(grant, credentials.issue(grant), now);
    }

    private List<SamlProvider> providers(ParsedResponse parsed, Optional<String> idpId) {
        if (idpId.isPresent()) {
            return List.of(providersByUuid.find(idpId.get())
                    .orElseThrow(() -> new AwsException(StsErrors.invalid(StsErrors.PROVIDER_MISSING))));
        }
        if (parsed.encrypted()) {
            throw new AwsException(StsErrors.invalid(
                    "Invalid SAML response: an encrypted assertion must be posted to /saml/acs/<IdP-ID>"));
        }
        if (parsed.unverifiedProviderArns().isEmpty()) {
            throw new AwsException(StsErrors.invalid(
                    "Invalid SAML response: the Role attribute names no role and SAML provider pair"));
        }
        List<SamlProvider> providers = new ArrayList<>();
        for (String arn : parsed.unverifiedProviderArns()) {
            providers.add(iam.samlProvider(arn)
                    .orElseThrow(() -> new AwsException(StsErrors.invalid(StsErrors.PROVIDER_MISSING))));
        }
        return providers;
    }

    /** A role the user may choose, with the claims verified for its provider. */
    record Choice(RolePair pair, ValidatedClaims claims) {
    }

    /** A completed console sign-in. */
    record Signed(SessionGrant grant, TemporaryCredentials credentials, Instant at) {
    }
}
