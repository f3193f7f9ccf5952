package dev.stsbridge.idp.sso;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.assertion.AssertionEncrypter;
import dev.stsbridge.idp.assertion.AssertionFactory;
import dev.stsbridge.idp.assertion.AssertionRequest;
import dev.stsbridge.idp.assertion.AwsResponse;
import dev.stsbridge.idp.assertion.AwsSignInUrl;
import dev.stsbridge.idp.assertion.ResponseSigner;
import dev.stsbridge.idp.assertion.SignedResponse;
import dev.stsbridge.idp.claims.AwsClaimsResolver;
import dev.stsbridge.idp.claims.NameId;
import dev.stsbridge.idp.claims.NameIdGenerator;
import dev.stsbridge.idp.claims.Resolution;
import dev.stsbridge.idp.rules.AwsRuleViolation;
import dev.stsbridge.idp.rules.AwsRules;
import dev.stsbridge.idp.rules.Explanation;

/**
 * IdP-initiated sign-in to AWS, in one readable method: resolve the person's claims -> check them against AWS's
 * rules -> build the response -> sign (and encrypt) it -> the POST form.
 *
 * <p>Authentication happens before, once per IdP session (the web login, or the {@code assertion} command's
 * directory lookup), and yields the {@link SignedInUser} this service starts from: a person signs in once and
 * then may sign in to AWS many times.
 */
public final class SsoService {

    private static final Logger LOG = LoggerFactory.getLogger(SsoService.class);

    private final Settings settings;
    private final AwsClaimsResolver resolver;
    private final AwsRules rules;
    private final NameIdGenerator nameIds;
    private final AssertionFactory factory;
    private final ResponseSigner signer;
    private final Optional<AssertionEncrypter> encrypter;

    /**
     * Where responses go and who they are for.
     *
     * @param issuer the IdP's entity ID
     * @param destination the AWS sign-in URL: the response's Destination and the bearer Recipient
     * @param audience the AudienceRestriction value ({@code urn:amazon:webservices} by default)
     * @param postTarget where the browser form posts: the sign-in URL, or an override such as the local AWS model
     * @param validity how long an assertion may be redeemed
     */
    public record Settings(String issuer, AwsSignInUrl destination, String audience, URI postTarget,
                           Duration validity) {
        public Settings {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(postTarget, "postTarget");
            Objects.requireNonNull(validity, "validity");
        }
    }

    public SsoService(Settings settings, AwsClaimsResolver resolver, AwsRules rules, NameIdGenerator nameIds,
                      AssertionFactory factory, ResponseSigner signer, Optional<AssertionEncrypter> encrypter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.nameIds = Objects.requireNonNull(nameIds, "nameIds");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.encrypter = Objects.requireNonNull(encrypter, "encrypter");
    }

    /**
     * The signed response for this person and role choice, or the pre-flight refusal. Nothing is signed when the
     * claims break one of AWS's rules.
     *
     * @throws IllegalArgumentException when the person may not use the chosen role (or it does not exist)
     */
    public SsoOutcome respond(SignedInUser person, RoleChoice choice, Optional<String> relayState) {
        return respond(person, choice, relayState, Optional.empty());
    }

    /**
     * The same, answering an AuthnRequest (SP-initiated sign-in): the response and its bearer confirmation carry
     * {@code InResponseTo}.
     *
     * @param inResponseTo the AuthnRequest's ID (an xs:NCName), empty for IdP-initiated sign-in
     * @throws IllegalArgumentException when the person may not use the chosen role, or the ID is not an NCName
     */
    public SsoOutcome respond(SignedInUser person, RoleChoice choice, Optional<String> relayState,
                              Optional<String> inResponseTo) {
        Resolution resolution = resolve(person, choice);
        List<AwsRuleViolation> violations = rules.check(resolution.claims());
        if (!violations.isEmpty()) {
            LOG.warn("pre-flight refused the assertion for {}: {}", person.username(), violations);
            return new SsoOutcome.Refused(resolution, violations);
        }
        NameId nameId = nameIds.nameIdFor(person.user(), settings.audience());
        AwsResponse response = factory.build(resolution.claims(), nameId, request(person, inResponseTo));
        SignedResponse signed = encrypter.map(e -> signer.sign(response, e)).orElseGet(() -> signer.sign(response));
        PostForm form = new PostForm(settings.postTarget(), signed, relayState, resolution.claims());
        return new SsoOutcome.Posted(form);
    }

    /** The claims, notes and pre-flight verdict for this person, as {@code --explain} and {@code /explain} show them. */
    public Explanation explain(SignedInUser person, RoleChoice choice) {
        return rules.explain(resolve(person, choice));
    }

    public Settings settings() {
        return settings;
    }

    private Resolution resolve(SignedInUser person, RoleChoice choice) {
        return choice.isAll()
                ? resolver.resolveWithNotes(person.user())
                : resolver.resolveFor(person.user(), choice.account().orElseThrow(), choice.role().orElseThrow());
    }

    private AssertionRequest request(SignedInUser person, Optional<String> inResponseTo) {
        AssertionRequest.Builder builder = AssertionRequest.builder(settings.issuer(), settings.destination());
        inResponseTo.ifPresent(builder::inResponseTo);
        return builder
                .audience(settings.audience())
                .authnInstant(person.authnInstant())
                .authnContextClassRef(person.authnContextClassRef())
                .sessionIndex(person.sessionIndex())
                .sessionNotOnOrAfter(person.sessionNotOnOrAfter())
                .validity(settings.validity())
                .build();
    }
}
