package dev.stsbridge.app.demo;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.config.AwsAccount;
import dev.stsbridge.idp.config.AwsConfig;
import dev.stsbridge.idp.config.RoleRule;
import dev.stsbridge.verifier.auth.Account;
import dev.stsbridge.verifier.auth.Accounts;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.SAMLProviderListEntry;

/**
 * Registers the IdP in each AWS account of the model through the verifier's IAM API, with the AWS SDK for Java v2
 * over HTTP and SigV4 (the path a user takes with the AWS CLI): the signed metadata as SAML provider (created, or
 * updated when it exists, since the keys may have rotated) and the configured roles with a SAML trust policy (created,
 * or their trust policy updated), and the demo's ABAC permission policies ({@link DemoPolicies}) as customer managed
 * policies attached to the roles that suit them (created; a new default version when the document changed; attached
 * when not yet). Running it again changes nothing else: it is idempotent.
 *
 * <p>The SDK client never reads the user's AWS configuration (an empty profile file) nor the instance metadata
 * service (region and credentials are given), and does not retry: the verifier is on this machine.
 */
final class IamRegistration implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IamRegistration.class);
    static final String SAML_AUDIENCE_KEY = "SAML:aud";
    private static final int MAX_POLICY_VERSIONS = 5;

    private final SdkHttpClient http;
    private final AwsConfig aws;
    private final List<Target> targets;

    /** One account: its keys, a client signing with them, and what it had before. */
    private record Target(AwsAccount account, Account keys, IamClient iam, Optional<String> provider,
                          List<String> roleNames) {
    }

    private IamRegistration(SdkHttpClient http, AwsConfig aws, List<Target> targets) {
        this.http = http;
        this.aws = aws;
        this.targets = targets;
    }

    /**
     * Looks at what each account of {@code aws} already has (ListSAMLProviders, ListRoles). It needs no metadata yet,
     * so it runs while the IdP starts, and it loads the SDK's request path on the way. Close the result.
     */
    static IamRegistration survey(URI endpoint, Accounts accounts, AwsConfig aws) {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        List<Target> targets = new ArrayList<>();
        IamRegistration registration = new IamRegistration(http, aws, targets);
        try {
            for (AwsAccount account : aws.accounts()) {
                Account keys = accounts.byId(account.id()).orElseThrow(() -> new IllegalStateException("the AWS model "
                        + "has no account " + account.id() + " (" + account.name() + ") to register the IdP in"));
                IamClient iam = client(endpoint, keys.accessKeyId(), keys.secretAccessKey(), http);
                targets.add(new Target(account, keys, iam, existingProvider(iam, account), roleNames(iam)));
            }
            return registration;
        } catch (RuntimeException e) {
            registration.close();
            throw e;
        }
    }

    /** The provider and roles in every account, trusting the IdP of {@code metadata}. */
    List<AccountSetup> register(byte[] metadata) {
        String document = new String(metadata, StandardCharsets.UTF_8);
        return targets.stream().map(t -> setUp(t, document)).toList();
    }

    private AccountSetup setUp(Target target, String document) {
        IamClient iam = target.iam();
        String providerArn = target.provider().isPresent()
                ? iam.updateSAMLProvider(r -> r.samlProviderArn(target.provider().get()).samlMetadataDocument(document))
                        .samlProviderArn()
                : iam.createSAMLProvider(r -> r.name(target.account().providerName()).samlMetadataDocument(document))
                        .samlProviderArn();
        String policy = trustPolicy(providerArn, aws.signinUrl().toString());
        List<String> roleArns = new ArrayList<>();
        for (RoleRule rule : rolesOf(aws, target.account())) {
            roleArns.add(putRole(iam, rule.role(), policy, target.roleNames()));
        }
        Map<String, String> attached = putPolicies(iam, roleArns);
        LOG.info("account {}: SAML provider {} {}, roles {}, permission policies {}", target.account().id(),
                providerArn, target.provider().isPresent() ? "updated" : "created", roleArns, attached);
        return new AccountSetup(target.account().id(), target.account().name(), target.keys().accessKeyId(),
                target.keys().secretAccessKey(), providerArn, target.provider().isEmpty(), roleArns, attached);
    }

    /**
     * The demo policy of each role (by name), created or brought up to date once per account and attached to the
     * role when it is not yet; role name -> policy ARN, for the roles that got one.
     */
    private static Map<String, String> putPolicies(IamClient iam, List<String> roleArns) {
        Map<String, String> existing = new LinkedHashMap<>();
        iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.LOCAL)).policies()
                .forEach(p -> existing.put(p.policyName(), p.arn()));
        Map<String, String> current = new LinkedHashMap<>();
        Map<String, String> attached = new LinkedHashMap<>();
        for (String roleArn : roleArns) {
            String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
            Optional<DemoPolicies.Policy> policy = DemoPolicies.forRole(roleName);
            if (policy.isPresent()) {
                String arn = current.computeIfAbsent(policy.get().name(),
                        n -> putPolicy(iam, policy.get(), Optional.ofNullable(existing.get(n))));
                attach(iam, roleName, arn);
                attached.put(roleName, arn);
            }
        }
        return attached;
    }

    /** Creates the policy, or makes its document the default version when the current one differs; its ARN. */
    private static String putPolicy(IamClient iam, DemoPolicies.Policy policy, Optional<String> existingArn) {
        if (existingArn.isEmpty()) {
            return iam.createPolicy(r -> r.policyName(policy.name()).description(policy.description())
                    .policyDocument(policy.document())).policy().arn();
        }
        String arn = existingArn.get();
        Policy found = iam.getPolicy(r -> r.policyArn(arn)).policy();
        PolicyVersion version = iam.getPolicyVersion(r -> r.policyArn(arn).versionId(found.defaultVersionId()))
                .policyVersion();
        if (!URLDecoder.decode(version.document(), StandardCharsets.UTF_8).equals(policy.document())) {
            makeRoomForAVersion(iam, arn);
            iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(policy.document()).setAsDefault(true));
            LOG.info("permission policy {}: new default version", arn);
        }
        return arn;
    }

    /** IAM keeps at most five versions of a managed policy: the oldest non-default one goes when there are five. */
    private static void makeRoomForAVersion(IamClient iam, String arn) {
        List<PolicyVersion> versions = iam.listPolicyVersions(r -> r.policyArn(arn)).versions();
        if (versions.size() >= MAX_POLICY_VERSIONS) {
            versions.stream().filter(v -> !Boolean.TRUE.equals(v.isDefaultVersion()))
                    .min(Comparator.comparing(PolicyVersion::createDate))
                    .ifPresent(v -> iam.deletePolicyVersion(r -> r.policyArn(arn).versionId(v.versionId())));
        }
    }

    private static void attach(IamClient iam, String roleName, String policyArn) {
        boolean attached = iam.listAttachedRolePoliciesPaginator(r -> r.roleName(roleName)).attachedPolicies()
                .stream().map(AttachedPolicy::policyArn).anyMatch(policyArn::equals);
        if (!attached) {
            iam.attachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn));
        }
    }

    private static Optional<String> existingProvider(IamClient iam, AwsAccount account) {
        return iam.listSAMLProviders().samlProviderList().stream().map(SAMLProviderListEntry::arn)
                .filter(arn -> arn.substring(arn.indexOf('/') + 1).equalsIgnoreCase(account.providerName()))
                .findFirst();
    }

    private static List<String> roleNames(IamClient iam) {
        return iam.listRolesPaginator().roles().stream().map(Role::roleName).toList();
    }

    @Override
    public void close() {
        try {
            targets.forEach(t -> t.iam().close());
        } finally {
            http.close();
        }
    }

    /** Creates the role, or replaces its trust policy when it exists; its ARN. */
    private static String putRole(IamClient iam, String pathAndName, String policy, List<String> existing) {
        int slash = pathAndName.lastIndexOf('/');
        String name = pathAndName.substring(slash + 1);
        String path = slash < 0 ? "/" : "/" + pathAndName.substring(0, slash + 1);
        if (existing.stream().anyMatch(name::equalsIgnoreCase)) {
            iam.updateAssumeRolePolicy(r -> r.roleName(name).policyDocument(policy));
            return iam.getRole(r -> r.roleName(name)).role().arn();
        }
        return iam.createRole(r -> r.roleName(name).path(path).assumeRolePolicyDocument(policy)
                .description("stsbridge demo: signed in through the SAML provider")).role().arn();
    }

    /** The rules that name this account (by ID or name), each role once. */
    private static List<RoleRule> rolesOf(AwsConfig aws, AwsAccount account) {
        List<RoleRule> rules = new ArrayList<>();
        for (RoleRule rule : aws.roles()) {
            boolean here = rule.account().equals(account.id()) || rule.account().equals(account.name());
            if (here && rules.stream().noneMatch(r -> r.role().equalsIgnoreCase(rule.role()))) {
                rules.add(rule);
            }
        }
        return rules;
    }

    /**
     * A SAML trust policy as the IAM console writes it for "SAML 2.0 federation", plus the session tags and the
     * SourceIdentity that stsbridge sends: {@code Federated} = the provider; {@code sts:AssumeRoleWithSAML},
     * {@code sts:TagSession}, {@code sts:SetSourceIdentity}; {@code StringEquals SAML:aud} = the sign-in URL.
     */
    static String trustPolicy(String providerArn, String signinUrl) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},\
                "Action":["sts:AssumeRoleWithSAML","sts:TagSession","sts:SetSourceIdentity"],\
                "Condition":{"StringEquals":{"%s":"%s"}}}]}""".formatted(providerArn, SAML_AUDIENCE_KEY, signinUrl);
    }

    static IamClient client(URI endpoint, String accessKeyId, String secret, SdkHttpClient http) {
        return IamClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .overrideConfiguration(IamRegistration::offline).build();
    }

    static void offline(ClientOverrideConfiguration.Builder c) {
        c.retryStrategy(AwsRetryStrategy.doNotRetry())
                .defaultProfileFile(ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
                        .type(ProfileFile.Type.CONFIGURATION).build())
                .defaultProfileName("default");
    }
}
