package dev.stsbridge.app.abac;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.claims.AwsRolePair;
import dev.stsbridge.idp.claims.SessionTag;
import dev.stsbridge.idp.rules.AwsRuleViolation;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.PostForm;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.sso.SsoOutcome;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * May this person's session do this? The flow, one step each:
 * <pre>
 * sign      the IdP's signed response for the person and role (the pre-flight check passed)
 * assume    AssumeRoleWithSAML accepts it: the trust policy and the session tag rules pass; the assumed-role ARN
 * simulate  SimulatePrincipalPolicy on the role with aws:PrincipalTag/* of the session, aws:ResourceTag/* and the
 *           request's context entries, signed with the account's keys
 * explain   the deciding statements with their Sid (read from the policy document at the simulator's position)
 * </pre>
 * Thread-safe (the web page shares one); close it to release the HTTP client.
 */
public final class AbacCheck implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AbacCheck.class);

    private final URI endpoint;
    private final AccountKeys keys;
    private final SdkHttpClient http;
    private final StsClient sts;
    private final Map<String, IamClient> iamByAccount = new ConcurrentHashMap<>();

    private AbacCheck(URI endpoint, AccountKeys keys, SdkHttpClient http) {
        this.endpoint = endpoint;
        this.keys = keys;
        this.http = http;
        this.sts = StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(http)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(AbacCheck::offline).build();
    }

    /** A check against the AWS endpoint (the verifier, {@code http://127.0.0.1:8090} in the demo). */
    public static AbacCheck at(URI endpoint, AccountKeys keys) {
        return new AbacCheck(endpoint, keys, UrlConnectionHttpClient.create());
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * @throws AbacFailure when the IdP, STS or IAM refuses, or the endpoint does not answer
     */
    public AbacResult check(IdpApplication idp, SignedInUser person, AbacRequest request) {
        PostForm form = sign(idp, person, request);
        AwsRolePair pair = form.claims().roles().get(0);
        String principal = assume(pair, form);
        Map<String, String> tags = new LinkedHashMap<>();
        form.claims().tags().forEach((SessionTag t) -> tags.put(t.key(), t.value()));
        IamClient iam = iam(pair.accountId());
        SimulatorAnswer answer = call("SimulatePrincipalPolicy",
                () -> SimulatorAnswer.simulate(iam, pair.roleArn(), request, contextEntries(tags, request)));
        EvaluationResult evaluation = answer.evaluation();
        AbacResult.Decision decision = decision(evaluation.evalDecisionAsString());
        List<AbacResult.Matched> matched = call("reading the role's policies",
                () -> answer.matched(iam, pair.roleArn()));
        List<String> evaluated = decision == AbacResult.Decision.IMPLICIT_DENY
                ? call("listing the role's policies", () -> SimulatorAnswer.rolePolicies(iam, pair.roleArn()))
                : List.of();
        LOG.info("abac: {} as {}: {} on {}: {}", person.username(), principal, request.action(), request.resource(),
                decision.wire());
        return new AbacResult(person.username(), principal, tags, pair.roleArn(), request.action(),
                request.resource(), request.resourceTags(), decision, matched, evaluated,
                answer.missingContextValues());
    }

    private static PostForm sign(IdpApplication idp, SignedInUser person, AbacRequest request) {
        SsoOutcome outcome;
        try {
            outcome = idp.sso().respond(person, RoleChoice.one(request.account(), request.role()), Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new AbacFailure(AbacFailure.Kind.NOT_ENTITLED, e.getMessage(), e);
        }
        if (outcome instanceof SsoOutcome.Refused refused) {
            throw new AbacFailure(AbacFailure.Kind.IDP_REFUSED, "the IdP's pre-flight check refused (AWS would): "
                    + String.join("; ", refused.violations().stream().map(AwsRuleViolation::message).toList()));
        }
        return ((SsoOutcome.Posted) outcome).form();
    }

    /** AssumeRoleWithSAML with the assertion, as the AWS CLI would; the assumed-role ARN. */
    private String assume(AwsRolePair pair, PostForm form) {
        try {
            return sts.assumeRoleWithSAML(r -> r.roleArn(pair.roleArn()).principalArn(pair.providerArn())
                    .samlAssertion(form.samlResponse())).assumedRoleUser().arn();
        } catch (AwsServiceException e) {
            throw new AbacFailure(AbacFailure.Kind.STS_REFUSED, "AssumeRoleWithSAML refused " + pair.roleArn() + ": "
                    + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkClientException e) {
            throw unreachable(e);
        }
    }

    private static List<ContextEntry> contextEntries(Map<String, String> principalTags, AbacRequest request) {
        List<ContextEntry> entries = new ArrayList<>();
        principalTags.forEach((k, v) -> entries.add(entry(ContextValue.string("aws:PrincipalTag/" + k, v))));
        request.resourceTags().forEach((k, v) -> entries.add(entry(ContextValue.string("aws:ResourceTag/" + k, v))));
        request.context().forEach(c -> entries.add(entry(c)));
        return entries;
    }

    private static ContextEntry entry(ContextValue value) {
        return ContextEntry.builder().contextKeyName(value.key()).contextKeyValues(value.values())
                .contextKeyType(value.type()).build();
    }

    private static AbacResult.Decision decision(String wire) {
        for (AbacResult.Decision d : AbacResult.Decision.values()) {
            if (d.wire().equals(wire)) {
                return d;
            }
        }
        throw new AbacFailure(AbacFailure.Kind.IAM_ERROR, "the simulator answered an unknown EvalDecision '" + wire
                + "'");
    }

    private <T> T call(String what, Supplier<T> task) {
        try {
            return task.get();
        } catch (AwsServiceException e) {
            throw new AbacFailure(AbacFailure.Kind.IAM_ERROR, what + " failed: " + e.awsErrorDetails().errorCode()
                    + ": " + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkClientException e) {
            throw unreachable(e);
        }
    }

    private AbacFailure unreachable(SdkClientException e) {
        return new AbacFailure(AbacFailure.Kind.UNREACHABLE, "cannot reach the AWS model at " + endpoint
                + ": start it with ./stsbridge demo, or pass --aws-endpoint", e);
    }

    private IamClient iam(String accountId) {
        AwsBasicCredentials credentials = keys.forAccount(accountId).orElseThrow(() -> new AbacFailure(
                AbacFailure.Kind.IAM_ERROR, "no access keys for account " + accountId
                        + " (pass --access-key-id/--secret-access-key, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)"));
        return iamByAccount.computeIfAbsent(accountId, id -> IamClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(AbacCheck::offline).build());
    }

    /** No profile files, no instance metadata, no retries: the endpoint is given and on this machine. */
    private static void offline(ClientOverrideConfiguration.Builder c) {
        c.retryStrategy(AwsRetryStrategy.doNotRetry())
                .defaultProfileFile(ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
                        .type(ProfileFile.Type.CONFIGURATION).build())
                .defaultProfileName("default");
    }

    @Override
    public void close() {
        try {
            iamByAccount.values().forEach(IamClient::close);
            sts.close();
        } finally {
            http.close();
        }
    }
}
