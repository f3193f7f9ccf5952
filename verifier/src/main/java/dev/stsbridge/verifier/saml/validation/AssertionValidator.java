package dev.stsbridge.verifier.saml.validation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.w3c.dom.Element;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.SamlProvider;
import dev.stsbridge.verifier.saml.SamlNames;
import dev.stsbridge.verifier.saml.SamlXml;
import dev.stsbridge.verifier.saml.StsErrors;
import dev.stsbridge.verifier.saml.VerifiedAssertion;

/**
 * Step "validate": reads the verified Assertion element only, in the order of ../shared/AWS-SAML.md §2: issuer,
 * time, audience, the one bearer SubjectConfirmation, NameID, then the AWS attributes; and, when one-time use is on,
 * redeems the assertion ID.
 */
public final class AssertionValidator {
    private static final String NOT_YET_VALID = "Invalid SAML response: the assertion is not yet valid";

    private final SamlSettings settings;
    private final OneTimeUse oneTimeUse = new OneTimeUse();

    public AssertionValidator(SamlSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Validates the assertion and, when one-time use is on, redeems its ID. */
    public ValidatedClaims validate(VerifiedAssertion verified, SamlProvider provider, Instant now) {
        ValidatedClaims claims = inspect(verified, provider, now);
        redeem(claims, now);
        return claims;
    }

    /**
     * Validates without redeeming: the console's role picker shows the pairs of an assertion that is posted again
     * with the chosen role, and only that second post redeems it ({@link #redeem}).
     */
    public ValidatedClaims inspect(VerifiedAssertion verified, SamlProvider provider, Instant now) {
        Element assertion = verified.assertion();
        String issuer = issuer(assertion, provider);
        Instant expires = checkTime(assertion, now);
        checkAudience(assertion, provider);
        Element subject = SamlXml.optionalChild(assertion, SamlNames.ASSERTION, "Subject")
                .orElseThrow(() -> invalid("the Assertion has no Subject"));
        Element confirmation = confirmationData(subject, provider, verified.encrypted(), now);
        Element nameId = SamlXml.optionalChild(subject, SamlNames.ASSERTION, "NameID")
                .orElseThrow(() -> new AwsException(StsErrors.notAuthorized()));
        String subjectName = SamlXml.text(nameId);
        if (subjectName.isEmpty()) {
            throw new AwsException(StsErrors.notAuthorized());
        }
        AwsAttributes attributes = AwsAttributes.read(assertion);
        return new ValidatedClaims(provider, verified.id(), issuer, subjectName,
                SamlXml.attribute(nameId, "Format"), confirmation.getAttributeNS(null, "Recipient"),
                sessionNotOnOrAfter(assertion), attributes, verified.warnings(), expires.plus(settings.clockSkew()));
    }

    /** When one-time use is on, records the assertion ID and refuses one that was redeemed before. */
    public void redeem(ValidatedClaims claims, Instant now) {
        if (settings.oneTimeUse()) {
            oneTimeUse.redeem(claims.issuer(), claims.assertionId(), claims.expires(), now);
        }
    }

    private static String issuer(Element assertion, SamlProvider provider) {
        String issuer = SamlXml.optionalChild(assertion, SamlNames.ASSERTION, "Issuer").map(SamlXml::text).orElse("");
        if (!provider.entityIds().contains(issuer)) {
            throw new AwsException(StsErrors.invalid(StsErrors.ISSUER_NOT_IN_PROVIDER));
        }
        return issuer;
    }

    /** IssueInstant age, then Conditions NotBefore / NotOnOrAfter; returns when the assertion expires. */
    private Instant checkTime(Element assertion, Instant now) {
        Instant issued = instant(assertion, "IssueInstant").orElseThrow(() -> invalid("the Assertion has no IssueInstant"));
        if (issued.isAfter(now.plus(settings.clockSkew()))) {
            throw new AwsException(StsErrors.invalid(NOT_YET_VALID));
        }
        if (now.isAfter(issued.plus(settings.maxIssueInstantAge()))) {
            throw new AwsException(StsErrors.expired(StsErrors.TOKEN_TOO_OLD));
        }
        Element conditions = SamlXml.optionalChild(assertion, SamlNames.ASSERTION, "Conditions")
                .orElseThrow(() -> new AwsException(StsErrors.invalid(StsErrors.AUDIENCE_MISSING)));
        Optional<Instant> notBefore = instant(conditions, "NotBefore");
        if (notBefore.isPresent() && now.plus(settings.clockSkew()).isBefore(notBefore.get())) {
            throw new AwsException(StsErrors.invalid(NOT_YET_VALID));
        }
        Instant notOnOrAfter = instant(conditions, "NotOnOrAfter").orElse(issued.plus(settings.maxIssueInstantAge()));
        checkNotExpired(notOnOrAfter, now);
        return notOnOrAfter;
    }

    private void checkNotExpired(Instant notOnOrAfter, Instant now) {
        if (!now.minus(settings.clockSkew()).isBefore(notOnOrAfter)) {
            throw new AwsException(StsErrors.expired(StsErrors.RESPONSE_EXPIRED));
        }
    }

    /** Every AudienceRestriction must name an AWS audience, and there must be at least one. */
    private static void checkAudience(Element assertion, SamlProvider provider) {
        Element conditions = SamlXml.optionalChild(assertion, SamlNames.ASSERTION, "Conditions").orElseThrow();
        List<Element> restrictions = SamlXml.children(conditions, SamlNames.ASSERTION, "AudienceRestriction");
        boolean satisfied = !restrictions.isEmpty() && restrictions.stream().allMatch(restriction ->
                SamlXml.children(restriction, SamlNames.ASSERTION, "Audience").stream()
                        .anyMatch(audience -> AwsSignInUrls.isAudience(SamlXml.text(audience), provider.uuid())));
        if (!satisfied) {
            throw new AwsException(StsErrors.invalid(StsErrors.AUDIENCE_MISSING));
        }
    }

    /** The SubjectConfirmationData of the one bearer SubjectConfirmation, with Recipient and NotOnOrAfter. */
    private Element confirmationData(Element subject, SamlProvider provider, boolean encrypted, Instant now) {
        List<Element> confirmations = SamlXml.children(subject, SamlNames.ASSERTION, "SubjectConfirmation");
        if (confirmations.size() != 1 || !SamlNames.BEARER.equals(confirmations.get(0).getAttributeNS(null, "Method"))) {
            throw invalid("the Subject must have exactly one bearer SubjectConfirmation");
        }
        Element data = SamlXml.optionalChild(confirmations.get(0), SamlNames.ASSERTION, "SubjectConfirmationData")
                .filter(d -> d.hasAttributeNS(null, "Recipient") && d.hasAttributeNS(null, "NotOnOrAfter"))
                .orElseThrow(() -> invalid("SubjectConfirmationData must have a Recipient and a NotOnOrAfter"));
        checkNotExpired(instant(data, "NotOnOrAfter").orElseThrow(), now);
        String recipient = data.getAttributeNS(null, "Recipient");
        if (encrypted && !AwsSignInUrls.isAcsUrl(recipient, provider.uuid())) {
            throw invalid("the Recipient of an encrypted assertion must be the provider's /saml/acs/"
                    + provider.uuid() + " URL, not " + StsErrors.echo(recipient));
        }
        if (!AwsSignInUrls.isSignInUrl(recipient, provider.uuid())) {
            throw invalid("the Recipient " + StsErrors.echo(recipient) + " is not an AWS sign-in URL");
        }
        return data;
    }

    private static Optional<Instant> sessionNotOnOrAfter(Element assertion) {
        return SamlXml.children(assertion, SamlNames.ASSERTION, "AuthnStatement").stream()
                .flatMap(statement -> instant(statement, "SessionNotOnOrAfter").stream())
                .min(Instant::compareTo);
    }

    private static Optional<Instant> instant(Element element, String attribute) {
        Optional<String> value = SamlXml.attribute(element, attribute);
        try {
            return value.map(v -> XsDateTime.parse(v.strip()));
        } catch (DateTimeParseException e) {
            throw invalid(attribute + " " + StsErrors.echo(value.orElseThrow()) + " is not a valid xs:dateTime");
        }
    }

    private static AwsException invalid(String why) {
        return new AwsException(StsErrors.invalid("Invalid SAML response: " + why));
    }
}
