package dev.stsbridge.app.demo;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stsbridge.idp.claims.AwsClaimsResolver;
import dev.stsbridge.idp.claims.AwsRolePair;
import dev.stsbridge.idp.config.AwsConfig;
import dev.stsbridge.idp.directory.Directory;
import dev.stsbridge.idp.directory.DirectoryUnavailableException;
import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.oidc.OidcProvider;
import dev.stsbridge.verifier.auth.Account;
import dev.stsbridge.verifier.auth.Accounts;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;

/**
 * Lets the demo's roles be assumed with the IdP's ID tokens, through the verifier's IAM API (as {@link IamRegistration}
 * does for SAML, which runs first): in each account, the IdP's issuer as an IAM OpenID Connect provider (client ID
 * {@value #CLIENT_ID}, the HTTPS listener's SHA-1 thumbprint; created, or its thumbprint updated and the client ID
 * added when it exists), and in each role's trust policy one more statement: {@code Federated} = that provider,
 * {@code sts:AssumeRoleWithWebIdentity} and {@code sts:TagSession}, {@code StringEquals} {@code <host:port>:aud} =
 * the client and {@code <host:port>:sub} = the subjects of exactly the demo people whose groups give them the role
 * (computed as the IdP computes them for that client). A statement for the provider already in the policy is replaced,
 * so a restart changes nothing. Then the demo's Cognito identity pool ({@link DemoCognitoPool}).
 */
final class WebIdentityRegistration {

    /** The demo's public OpenID Connect client. */
    static final String CLIENT_ID = "stsbridge-demo";
    /** The people of the demo directory whose roles the trust policies name. */
    static final List<String> DEMO_PEOPLE = List.of("alice", "bob", "carol");

    private static final Logger LOG = LoggerFactory.getLogger(WebIdentityRegistration.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was set up in one account: the provider and, per role ARN in account order, who may assume it. */
    record Setup(String accountId, String providerArn, Map<String, List<String>> people) {
        Setup {
            people = Collections.unmodifiableMap(new LinkedHashMap<>(people));
        }
    }

    /** Every account's setup, and the Cognito identity pool of the first account ({@link DemoCognitoPool}). */
    record Registered(List<Setup> accounts, DemoCognitoPool.Pool pool) {
        Registered {
            accounts = List.copyOf(accounts);
        }
    }

    private WebIdentityRegistration() {
    }

    /** Registers the issuer, extends the trust policies of {@code accounts}' roles and sets up the Cognito pool. */
    static Registered register(URI endpoint, Accounts keys, AwsConfig aws, List<AccountSetup> accounts,
                                Directory directory, OidcProvider oidc, String thumbprint) {
        Map<String, Map<String, String>> subjects = subjectsByRole(aws, directory, oidc);
        List<Setup> setups = new ArrayList<>();
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            for (AccountSetup account : accounts) {
                Account key = keys.byId(account.accountId()).orElseThrow();
                try (IamClient iam = IamRegistration.client(endpoint, key.accessKeyId(), key.secretAccessKey(),
                        http)) {
                    setups.add(setUp(iam, account, oidc.issuer(), thumbprint, subjects));
                }
            }
        }
        return new Registered(setups, DemoCognitoPool.register(endpoint, accounts.get(0),
                setups.get(0).providerArn()));
    }

    private static Setup setUp(IamClient iam, AccountSetup account, URI issuer, String thumbprint,
                               Map<String, Map<String, String>> subjects) {
        String providerArn = putProvider(iam, issuer, thumbprint);
        String hostAndPort = issuer.getAuthority();
        Map<String, List<String>> people = new LinkedHashMap<>();
        for (String roleArn : account.roleArns()) {
            Map<String, String> bySub = subjects.getOrDefault(roleArn, Map.of());
            String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
            String current = URLDecoder.decode(iam.getRole(r -> r.roleName(roleName)).role()
                    .assumeRolePolicyDocument(), StandardCharsets.UTF_8);
            String policy = withWebIdentity(current, providerArn, hostAndPort, bySub.keySet());
            iam.updateAssumeRolePolicy(r -> r.roleName(roleName).policyDocument(policy));
            people.put(roleArn, List.copyOf(new TreeSet<>(bySub.values())));
        }
        LOG.info("account {}: OpenID Connect provider {}, web identity for {}", account.accountId(), providerArn,
                people);
        return new Setup(account.accountId(), providerArn, people);
    }

    /** The provider's ARN: created, or its thumbprint replaced (the certificate may be new) and the client added. */
    private static String putProvider(IamClient iam, URI issuer, String thumbprint) {
        String suffix = ":oidc-provider/" + issuer.getAuthority() + issuer.getPath();
        Optional<String> existing = iam.listOpenIDConnectProviders().openIDConnectProviderList().stream()
                .map(OpenIDConnectProviderListEntry::arn).filter(arn -> arn.endsWith(suffix)).findFirst();
        if (existing.isEmpty()) {
            return iam.createOpenIDConnectProvider(r -> r.url(issuer.toString()).clientIDList(CLIENT_ID)
                    .thumbprintList(thumbprint)).openIDConnectProviderArn();
        }
        String arn = existing.get();
        iam.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn).thumbprintList(thumbprint));
        if (!iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).clientIDList().contains(CLIENT_ID)) {
            iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID(CLIENT_ID));
        }
        return arn;
    }

    /** Role ARN -> (sub -> username) of the demo people whose groups map to it. */
    private static Map<String, Map<String, String>> subjectsByRole(AwsConfig aws, Directory directory,
                                                                    OidcProvider oidc) {
        AwsClaimsResolver resolver = new AwsClaimsResolver(aws);
        Map<String, Map<String, String>> subjects = new LinkedHashMap<>();
        for (String username : DEMO_PEOPLE) {
            Optional<DirectoryUser> user = lookup(directory, username);
            if (user.isPresent()) {
                String sub = oidc.subject(user.get(), CLIENT_ID);
                for (AwsRolePair pair : resolver.resolve(user.get()).roles()) {
                    subjects.computeIfAbsent(pair.roleArn(), k -> new LinkedHashMap<>()).put(sub, username);
                }
            }
        }
        return subjects;
    }

    private static Optional<DirectoryUser> lookup(Directory directory, String username) {
        try {
            return directory.lookup(username);
        } catch (DirectoryUnavailableException e) {
            throw new IllegalStateException("the directory did not answer for " + username + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code policy} without any statement for {@code providerArn}, plus one for it when {@code subs} is not empty
     * (no statement at all for a role nobody gets: an empty {@code :sub} list would match nobody anyway).
     */
    static String withWebIdentity(String policy, String providerArn, String hostAndPort, Iterable<String> subs) {
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(policy);
            ArrayNode kept = JSON.createArrayNode();
            for (JsonNode statement : document.withArray("Statement")) {
                if (!providerArn.equals(statement.path("Principal").path("Federated").asText())) {
                    kept.add(statement);
                }
            }
            if (subs.iterator().hasNext()) {
                kept.add(statement(providerArn, hostAndPort, subs));
            }
            document.set("Statement", kept);
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("the role's trust policy is not a JSON policy document: "
                    + e.getMessage(), e);
        }
    }

    private static ObjectNode statement(String providerArn, String hostAndPort, Iterable<String> subs) {
        ObjectNode statement = JSON.createObjectNode().put("Effect", "Allow");
        statement.putObject("Principal").put("Federated", providerArn);
        statement.putArray("Action").add("sts:AssumeRoleWithWebIdentity").add("sts:TagSession");
        ObjectNode equals = statement.putObject("Condition").putObject("StringEquals");
        equals.put(hostAndPort + ":aud", CLIENT_ID);
        ArrayNode sub = equals.putArray(hostAndPort + ":sub");
        subs.forEach(sub::add);
        return statement;
    }
}
