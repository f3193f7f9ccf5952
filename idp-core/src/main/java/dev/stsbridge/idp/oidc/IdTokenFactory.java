package dev.stsbridge.idp.oidc;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.AwsClaimsResolver;
import dev.stsbridge.idp.claims.AwsRolePair;
import dev.stsbridge.idp.claims.NameIdGenerator;
import dev.stsbridge.idp.claims.SessionTag;
import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.rules.AwsRule;
import dev.stsbridge.idp.rules.AwsRuleViolation;
import dev.stsbridge.idp.rules.AwsRules;
import dev.stsbridge.idp.sso.SignedInUser;

/**
 * Builds and signs ID tokens (RS256 with the OpenID Connect ring's current key, Nimbus JOSE+JWT): {@code iss},
 * {@code sub}, {@code aud} = {@code azp} = the client, {@code exp}, {@code iat}, {@code nbf}, {@code auth_time},
 * {@code nonce}, {@code jti}, {@code amr} (RFC 8176), {@code groups} (group DNs), {@code email},
 * {@code preferred_username}, and the AWS claims of the SAML assertion from the same {@link AwsClaimsResolver}: the
 * session tags as AWS reads them from a web identity token, {@value #AWS_TAGS} =
 * {@code {"principal_tags": {"department": ["engineering"]}, "transitive_tag_keys": [...]}}, and the person's
 * role ARNs in {@value #ROLES_CLAIM} (informational: AssumeRoleWithWebIdentity names the role itself).
 *
 * <p>{@code sub} is opaque and stable per person and client, like the persistent NameID:
 * {@code base64url(HMAC-SHA256(nameid-secret, immutableId + "!oidc:" + client_id))}.
 */
public final class IdTokenFactory {

    /** AWS's claim for session tags in a web identity token. */
    public static final String AWS_TAGS = "https://aws.amazon.com/tags";
    /** Our namespaced claim: the role ARNs the person may assume (as in the SAML Role attribute). */
    public static final String ROLES_CLAIM = "https://stsbridge.dev/claims/aws_roles";
    /** The rules of {@link AwsRules} that apply to a web identity token (its role pairs name SAML providers). */
    static final Set<AwsRule> TOKEN_RULES = EnumSet.of(AwsRule.TAG_COUNT, AwsRule.TAG_KEY, AwsRule.TAG_KEY_PREFIX,
            AwsRule.TAG_KEY_DUPLICATE, AwsRule.TAG_VALUE, AwsRule.TRANSITIVE_KEY, AwsRule.TRANSITIVE_COUNT);

    private final URI issuer;
    private final OidcKeys keys;
    private final Duration lifetime;
    private final AwsClaimsResolver resolver;
    private final AwsRules rules;
    private final NameIdGenerator subjects;
    private final Clock clock;
    private final SecureRandom random;

    public IdTokenFactory(URI issuer, OidcKeys keys, Duration lifetime, AwsClaimsResolver resolver, AwsRules rules,
                          byte[] nameIdSecret, Clock clock, SecureRandom random) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.subjects = NameIdGenerator.persistent(nameIdSecret);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** AWS's rules the person's token would break (session tags); empty when AWS will accept it. */
    public List<AwsRuleViolation> preflight(DirectoryUser user) {
        return rules.check(resolver.resolve(user)).stream().filter(v -> TOKEN_RULES.contains(v.rule())).toList();
    }

    /**
     * The {@code access_denied} for these violations, naming each rule broken (not the person: the description goes
     * to the client, and must be ASCII).
     */
    public static OAuthError refusal(List<AwsRuleViolation> violations) {
        return OAuthError.accessDenied("the person's claims break AWS rules: " + violations.stream()
                .map(v -> v.rule().text()).distinct().collect(java.util.stream.Collectors.joining("; ")));
    }

    /** The opaque, per-client subject of this person. */
    public String subject(DirectoryUser user, String clientId) {
        return subjects.nameIdFor(user, "oidc:" + clientId).value();
    }

    /**
     * The signed ID token.
     *
     * @throws OAuthException access_denied when the claims break one of AWS's rules (nothing is signed)
     */
    public String issue(SignedInUser person, String clientId, Optional<String> nonce) {
        List<AwsRuleViolation> violations = preflight(person.user());
        if (!violations.isEmpty()) {
            throw refusal(violations).exception();
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.currentKeyId())
                    .type(JOSEObjectType.JWT).build(), claims(person, clientId, nonce));
            jwt.sign(new RSASSASigner(keys.signingKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the ID token: " + e.getMessage(), e);
        }
    }

    JWTClaimsSet claims(SignedInUser person, String clientId, Optional<String> nonce) {
        Instant now = clock.instant();
        AwsClaims aws = resolver.resolve(person.user());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer.toString())
                .subject(subject(person.user(), clientId))
                .audience(clientId)
                .claim("azp", clientId)
                .expirationTime(Date.from(now.plus(lifetime)))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .jwtID(jti())
                .claim("auth_time", person.authnInstant().getEpochSecond())
                .claim("amr", amr(person))
                .claim("preferred_username", person.username())
                .claim("groups", person.user().groupDns().stream().sorted().toList())
                .claim(ROLES_CLAIM, aws.roles().stream().map(AwsRolePair::roleArn).toList());
        nonce.ifPresent(n -> claims.claim("nonce", n));
        person.user().firstValue("mail").ifPresent(mail -> claims.claim("email", mail));
        if (!aws.tags().isEmpty()) {
            claims.claim(AWS_TAGS, tags(aws));
        }
        return claims.build();
    }

    /** RFC 8176: {@code pwd}, plus {@code mfa} and the factor ({@code otp}, {@code hwk}) after a second factor. */
    static List<String> amr(SignedInUser person) {
        if (!person.mfa()) {
            return List.of("pwd");
        }
        return person.secondFactor().map(factor -> List.of("pwd", factor, "mfa")).orElse(List.of("pwd", "mfa"));
    }

    private static Map<String, Object> tags(AwsClaims aws) {
        Map<String, Object> principalTags = new LinkedHashMap<>();
        for (SessionTag tag : aws.tags()) {
            principalTags.put(tag.key(), List.of(tag.value()));
        }
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("principal_tags", principalTags);
        if (!aws.transitiveTagKeys().isEmpty()) {
            tags.put("transitive_tag_keys", aws.transitiveTagKeys());
        }
        return tags;
    }

    private String jti() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public URI issuer() {
        return issuer;
    }

    public Duration lifetime() {
        return lifetime;
    }
}
