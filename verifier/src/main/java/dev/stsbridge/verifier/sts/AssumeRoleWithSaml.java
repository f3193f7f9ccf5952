package dev.stsbridge.verifier.sts;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.iam.SamlProvider;
import dev.stsbridge.verifier.policy.AuthorizedRole;
import dev.stsbridge.verifier.policy.RoleAuthorizer;
import dev.stsbridge.verifier.policy.SessionLength;
import dev.stsbridge.verifier.policy.SessionPolicies;
import dev.stsbridge.verifier.policy.TrustPolicies;
import dev.stsbridge.verifier.saml.AssertionDecrypter;
import dev.stsbridge.verifier.saml.OpenedResponse;
import dev.stsbridge.verifier.saml.ParsedResponse;
import dev.stsbridge.verifier.saml.SamlResponseDecoder;
import dev.stsbridge.verifier.saml.SignatureVerifier;
import dev.stsbridge.verifier.saml.StsErrors;
import dev.stsbridge.verifier.saml.VerifiedAssertion;
import dev.stsbridge.verifier.saml.request.CheckedRequest;
import dev.stsbridge.verifier.saml.request.RequestParameters;
import dev.stsbridge.verifier.saml.validation.AssertionValidator;
import dev.stsbridge.verifier.saml.validation.RolePair;
import dev.stsbridge.verifier.saml.validation.ValidatedClaims;
import dev.stsbridge.verifier.saml.validation.SamlSettings;

/**
 * STS {@code AssumeRoleWithSAML} as one pipeline: each stage returns a more trusted type that only it can make,
 * so a skipped check does not compile. Refusals are {@link AwsException}s carrying AWS's code and message
 * (../shared/AWS-SAML.md §2); the Query handler renders them. Order choices where AWS is silent: a non-Success
 * StatusCode is refused while parsing (an IdP's failure response has no assertion to validate first); the Role
 * pair is looked up after the attribute rules (RoleSessionName, SourceIdentity, tags) passed; the expiry is
 * min(DurationSeconds or 3600, SessionDuration, SessionNotOnOrAfter).
 */
public final class AssumeRoleWithSaml implements AssumeRoleWithSamlOperation {
    private static final Logger LOG = LoggerFactory.getLogger(AssumeRoleWithSaml.class);

    private final IamDirectory iam;
    private final CredentialIssuer credentials;
    private final Clock clock;
    private final AssertionDecrypter decrypter = new AssertionDecrypter();
    private final SignatureVerifier signatures = new SignatureVerifier();
    private final AssertionValidator assertions;
    private final RoleAuthorizer trustPolicies;

    public AssumeRoleWithSaml(IamDirectory iam, TrustPolicies trustPolicies, CredentialIssuer credentials,
                              Clock clock, SamlSettings settings) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.assertions = new AssertionValidator(settings);
        this.trustPolicies = new RoleAuthorizer(iam, trustPolicies);
    }

    @Override
    public AssumeRoleWithSamlResult handle(AssumeRoleWithSamlRequest request) {
        CheckedRequest checked   = RequestParameters.check(request);                     // lengths, ARNs, account
        byte[] xml               = SamlResponseDecoder.decode(checked.samlAssertion());  // strict base64
        ParsedResponse parsed    = ParsedResponse.parse(xml);                             // no DTD, one Assertion
        SamlProvider provider    = provider(checked.principalArn());
        OpenedResponse opened    = decrypter.open(parsed, provider);                      // provider's private keys
        VerifiedAssertion signed = signatures.verify(opened, provider.signingCertificates());
        ValidatedClaims claims   = assertions.validate(signed, provider, clock.instant());
        RolePair pair            = claims.requirePair(checked.roleArn(), checked.principalArn());
        AuthorizedRole role      = trustPolicies.authorize(pair, claims);
        Instant expiry           = SessionLength.forApi(role, checked.durationSeconds(), clock.instant());
        int packedPolicySize     = SessionPolicies.packedPolicySize(checked.policy(), checked.policyArns(),
                                                                    claims.sessionTags().tags());
        return issue(role, expiry, packedPolicySize, checked);
    }

    private SamlProvider provider(String principalArn) {
        return iam.samlProvider(principalArn)
                .orElseThrow(() -> new AwsException(StsErrors.invalid(StsErrors.PROVIDER_MISSING)));
    }

    private AssumeRoleWithSamlResult issue(AuthorizedRole role, Instant expiry, int packedPolicySize,
                                           CheckedRequest checked) {
        ValidatedClaims claims = role.claims();
        SessionGrant grant = new SessionGrant(role.role().accountId(), role.role().arn(), role.assumedRoleArn(),
                role.assumedRoleId(), expiry, claims.sessionTags().tags(), claims.sessionTags().transitiveTagKeys(),
                claims.sourceIdentity(), checked.policy(), checked.policyArns());
        TemporaryCredentials issued = credentials.issue(grant);
        claims.warnings().forEach(warning -> LOG.warn("assertion {} from {}: {}", claims.assertionId(),
                claims.issuer(), warning));
        LOG.info("AssumeRoleWithSAML: assertion {} from {} assumed {} until {} (access key {})", claims.assertionId(),
                claims.issuer(), grant.assumedRoleArn(), expiry, issued.accessKeyId());
        return new AssumeRoleWithSamlResult(issued, grant, packedPolicySize, claims.nameId(), claims.subjectType(),
                claims.issuer(), claims.recipient(), claims.nameQualifier(), claims.sourceIdentity());
    }
}
