package dev.stsbridge.verifier.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import dev.stsbridge.verifier.AwsError;

import dev.stsbridge.verifier.auth.Caller;
import dev.stsbridge.verifier.query.ActionCall;
import dev.stsbridge.verifier.query.ApiModel;
import dev.stsbridge.verifier.query.QueryAction;
import dev.stsbridge.verifier.query.QueryService;
import dev.stsbridge.verifier.query.XmlWriter;
import dev.stsbridge.verifier.sts.AssumeRole;
import dev.stsbridge.verifier.sts.AssumeRoleRequest;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlOperation;
import dev.stsbridge.verifier.sts.FederationTokens;
import dev.stsbridge.verifier.sts.IssuedCredentials;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlRequest;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlResult;
import dev.stsbridge.verifier.sts.SessionGrant;
import dev.stsbridge.verifier.sts.TemporaryCredentials;
import dev.stsbridge.verifier.webidentity.AssumeRoleWithWebIdentity;
import dev.stsbridge.verifier.webidentity.WebIdentityRequest;
import dev.stsbridge.verifier.webidentity.WebIdentityResult;

/**
 * The STS Query API ({@code 2011-06-15}): {@code AssumeRoleWithSAML} (unsigned; dispatched to the SAML pipeline, its
 * result rendered as STS's XML), {@code AssumeRoleWithWebIdentity} (unsigned; the web identity pipeline), and, signed, {@code AssumeRole}, {@code GetFederationToken}, {@code GetSessionToken},
 * {@code GetCallerIdentity} (the root user of an account key, the IAM user of a user key, or the session of temporary
 * credentials) and {@code GetAccessKeyInfo}.
 */
public final class StsActions {

    public static final String VERSION = "2011-06-15";
    public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private StsActions() {
    }

    public static QueryService service(AssumeRoleWithSamlOperation assumeRoleWithSaml, ApiModel model) {
        return QueryService.of("sts", VERSION, NAMESPACE, model, List.of(
                new QueryAction("AssumeRoleWithSAML", false, true,
                        (call, xml) -> writeAssumeRoleWithSaml(assumeRoleWithSaml.handle(request(call)), xml)),
                QueryAction.signed("GetCallerIdentity", StsActions::getCallerIdentity)));
    }

    /** The rest of STS, for {@link #service(AssumeRoleWithSamlOperation, StsOperations, ApiModel)}. */
    public record StsOperations(AssumeRole assumeRole, FederationTokens tokens,
                                Function<String, Optional<String>> accountOfAccessKey,
                                AssumeRoleWithWebIdentity webIdentity) {
        public StsOperations {
            Objects.requireNonNull(webIdentity, "webIdentity");
            Objects.requireNonNull(assumeRole, "assumeRole");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(accountOfAccessKey, "accountOfAccessKey");
        }
    }

    /** Every STS action the verifier serves. */
    public static QueryService service(AssumeRoleWithSamlOperation assumeRoleWithSaml, StsOperations operations,
                                       ApiModel model) {
        return QueryService.of("sts", VERSION, NAMESPACE, model, List.of(
                new QueryAction("AssumeRoleWithSAML", false, true,
                        (call, xml) -> writeAssumeRoleWithSaml(assumeRoleWithSaml.handle(request(call)), xml)),
                new QueryAction("AssumeRoleWithWebIdentity", false, true, (call, xml) -> writeWebIdentity(
                        operations.webIdentity().handle(webIdentityRequest(call)), xml)),
                QueryAction.signed("AssumeRole", (call, xml) -> writeAssumeRole(
                        operations.assumeRole().handle(call.caller(), assumeRoleRequest(call)), xml)),
                QueryAction.signed("GetFederationToken", (call, xml) -> writeFederationToken(
                        operations.tokens().getFederationToken(call.caller(), federationRequest(call)), xml)),
                QueryAction.signed("GetSessionToken", (call, xml) -> writeCredentials(operations.tokens()
                        .getSessionToken(call.caller(), call.integer("DurationSeconds"), call.optional("SerialNumber"),
                                call.optional("TokenCode")).credentials(), xml)),
                QueryAction.signed("GetCallerIdentity", StsActions::getCallerIdentity),
                QueryAction.signed("GetAccessKeyInfo", (call, xml) -> getAccessKeyInfo(call, xml,
                        operations.accountOfAccessKey()))));
    }

    static AssumeRoleRequest assumeRoleRequest(ActionCall call) {
        return new AssumeRoleRequest(call.required("RoleArn"), call.required("RoleSessionName"),
                call.integer("DurationSeconds"), call.optional("Policy"), policyArns(call), tags(call),
                call.parameters().structList("TransitiveTagKeys.member").stream().map(m -> m.getOrDefault("", ""))
                        .toList(),
                call.optional("ExternalId"), call.optional("SerialNumber"), call.optional("TokenCode"),
                call.optional("SourceIdentity"));
    }

    static WebIdentityRequest webIdentityRequest(ActionCall call) {
        return new WebIdentityRequest(call.required("RoleArn"), call.required("RoleSessionName"),
                call.required("WebIdentityToken"), call.optional("ProviderId"), call.integer("DurationSeconds"),
                call.optional("Policy"), policyArns(call));
    }

    private static void writeWebIdentity(WebIdentityResult result, XmlWriter xml) {
        writeCredentials(result.credentials(), xml);
        xml.element("SubjectFromWebIdentityToken", result.subject());
        xml.start("AssumedRoleUser").element("AssumedRoleId", result.grant().assumedRoleId())
                .element("Arn", result.grant().assumedRoleArn()).end();
        if (result.policiesOrTagsPassed()) {
            xml.element("PackedPolicySize", result.packedPolicySize());
        }
        xml.element("Provider", result.provider()).element("Audience", result.audience());
        result.grant().sourceIdentity().ifPresent(s -> xml.element("SourceIdentity", s));
    }

    static FederationTokens.FederationRequest federationRequest(ActionCall call) {
        return new FederationTokens.FederationRequest(call.required("Name"), call.integer("DurationSeconds"),
                call.optional("Policy"), policyArns(call), tags(call));
    }

    private static List<String> policyArns(ActionCall call) {
        return call.parameters().structList("PolicyArns.member").stream().map(m -> m.getOrDefault("arn", "")).toList();
    }

    private static Map<String, String> tags(ActionCall call) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map<String, String> member : call.parameters().structList("Tags.member")) {
            String key = member.getOrDefault("Key", "");
            if (tags.keySet().stream().anyMatch(key::equalsIgnoreCase)) {
                throw AwsError.validation("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
                        .exception();
            }
            tags.put(key, member.getOrDefault("Value", ""));
        }
        return tags;
    }

    private static void writeCredentials(TemporaryCredentials credentials, XmlWriter xml) {
        xml.start("Credentials")
                .element("AccessKeyId", credentials.accessKeyId())
                .element("SecretAccessKey", credentials.secretAccessKey())
                .element("SessionToken", credentials.sessionToken())
                .element("Expiration", credentials.expiration())
                .end();
    }

    private static void writeAssumeRole(IssuedCredentials issued, XmlWriter xml) {
        writeCredentials(issued.credentials(), xml);
        xml.start("AssumedRoleUser").element("AssumedRoleId", issued.grant().assumedRoleId())
                .element("Arn", issued.grant().assumedRoleArn()).end();
        if (issued.sessionPoliciesOrTagsPassed()) {
            xml.element("PackedPolicySize", issued.packedPolicySize());
        }
        issued.grant().sourceIdentity().ifPresent(s -> xml.element("SourceIdentity", s));
    }

    private static void writeFederationToken(IssuedCredentials issued, XmlWriter xml) {
        writeCredentials(issued.credentials(), xml);
        xml.start("FederatedUser").element("FederatedUserId", issued.grant().assumedRoleId())
                .element("Arn", issued.grant().assumedRoleArn()).end();
        if (issued.sessionPoliciesOrTagsPassed()) {
            xml.element("PackedPolicySize", issued.packedPolicySize());
        }
    }

    /**
     * The account an access key ID belongs to: an account's, an IAM user's or a temporary key issued here. Federated
     * users may call no STS action but GetCallerIdentity. A key unknown to this model cannot be decoded as AWS
     * decodes real ones: {@code InvalidParameterValue} (our choice).
     */
    private static void getAccessKeyInfo(ActionCall call, XmlWriter xml, Function<String, Optional<String>> accounts) {
        if (call.caller() instanceof Caller.RoleSession session
                && session.origin() == dev.stsbridge.verifier.sts.SessionOrigin.GET_FEDERATION_TOKEN) {
            throw AwsError.accessDenied("User: " + session.arn() + " is not authorized to perform: "
                    + "sts:GetAccessKeyInfo on resource: *").exception();
        }
        String keyId = call.required("AccessKeyId");
        String account = accounts.apply(keyId).orElseThrow(() -> AwsError.sender("InvalidParameterValue",
                "The access key ID " + keyId + " is not one this model knows.", 400).exception());
        xml.element("Account", account);
    }

    static AssumeRoleWithSamlRequest request(ActionCall call) {
        List<String> policyArns = call.parameters().structList("PolicyArns.member").stream()
                .map(m -> m.getOrDefault("arn", "")).toList();
        return new AssumeRoleWithSamlRequest(call.required("RoleArn"), call.required("PrincipalArn"),
                call.required("SAMLAssertion"), call.integer("DurationSeconds"), call.optional("Policy"), policyArns);
    }

    private static void writeAssumeRoleWithSaml(AssumeRoleWithSamlResult result, XmlWriter xml) {
        TemporaryCredentials credentials = result.credentials();
        SessionGrant grant = result.grant();
        xml.start("Credentials")
                .element("AccessKeyId", credentials.accessKeyId())
                .element("SecretAccessKey", credentials.secretAccessKey())
                .element("SessionToken", credentials.sessionToken())
                .element("Expiration", credentials.expiration())
                .end();
        xml.start("AssumedRoleUser")
                .element("AssumedRoleId", grant.assumedRoleId())
                .element("Arn", grant.assumedRoleArn())
                .end();
        xml.element("PackedPolicySize", result.packedPolicySize())
                .element("Subject", result.subject())
                .element("SubjectType", result.subjectType())
                .element("Issuer", result.issuer())
                .element("Audience", result.audience())
                .element("NameQualifier", result.nameQualifier());
        result.sourceIdentity().ifPresent(s -> xml.element("SourceIdentity", s));
    }

    /**
     * For an IAM user's key, the user ({@code AIDA...} ID, user ARN); for a session token the same; for a federated
     * user {@code <account>:<name>} and its {@code federated-user} ARN. For an account key AWS answers the root user: {@code UserId} = the account ID, {@code Arn} =
     * {@code arn:aws:iam::<account>:root}; for temporary credentials the assumed role: {@code UserId} =
     * {@code <role id>:<session name>}, {@code Arn} = the assumed-role ARN.
     */
    private static void getCallerIdentity(ActionCall call, XmlWriter xml) {
        Caller caller = call.caller();
        String userId = caller instanceof Caller.RoleSession session ? session.session().grant().assumedRoleId()
                : caller instanceof Caller.IamUser user ? user.user().userId() : caller.accountId();
        xml.element("UserId", userId).element("Account", caller.accountId()).element("Arn", caller.arn());
    }
}
