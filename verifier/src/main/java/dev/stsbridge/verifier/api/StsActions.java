package dev.stsbridge.verifier.api;

import java.util.List;

import dev.stsbridge.verifier.auth.Caller;
import dev.stsbridge.verifier.query.ActionCall;
import dev.stsbridge.verifier.query.ApiModel;
import dev.stsbridge.verifier.query.QueryAction;
import dev.stsbridge.verifier.query.QueryService;
import dev.stsbridge.verifier.query.XmlWriter;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlOperation;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlRequest;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlResult;
import dev.stsbridge.verifier.sts.SessionGrant;
import dev.stsbridge.verifier.sts.TemporaryCredentials;

/**
 * The STS Query API ({@code 2011-06-15}) subset: {@code AssumeRoleWithSAML} (unsigned; dispatched to the SAML
 * pipeline, its result rendered as STS's XML) and {@code GetCallerIdentity} (signed; the root user of an account key,
 * or the assumed role of temporary credentials).
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
     * For an account key AWS answers the root user: {@code UserId} = the account ID, {@code Arn} =
     * {@code arn:aws:iam::<account>:root}; for temporary credentials the assumed role: {@code UserId} =
     * {@code <role id>:<session name>}, {@code Arn} = the assumed-role ARN.
     */
    private static void getCallerIdentity(ActionCall call, XmlWriter xml) {
        Caller caller = call.caller();
        String userId = caller instanceof Caller.RoleSession session ? session.session().grant().assumedRoleId()
                : caller.accountId();
        xml.element("UserId", userId).element("Account", caller.accountId()).element("Arn", caller.arn());
    }
}
