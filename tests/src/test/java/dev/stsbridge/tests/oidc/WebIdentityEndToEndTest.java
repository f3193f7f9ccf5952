package dev.stsbridge.tests.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import dev.stsbridge.app.token.AuthorizationCodeFlow;
import dev.stsbridge.app.token.IssuerTrust;
import dev.stsbridge.tests.support.AwsCli;
import dev.stsbridge.tests.support.Chromium;
import dev.stsbridge.tests.support.LocalAws;
import dev.stsbridge.tests.support.RunningDemo;
import dev.stsbridge.tests.support.SignInBrowser;

/**
 * Issue 14's "done when", from the demo: alice's and bob's ID tokens come from the IdP's authorization code flow
 * ({@code stsbridge token}'s {@link AuthorizationCodeFlow}: loopback redirect, PKCE, the token checked against the
 * JWKS) with headless Chromium signing in on the IdP's login page; Debian's AWS CLI exchanges them at the verifier,
 * which the demo set up (an IAM OpenID Connect provider for the issuer in both accounts, the roles' trust policies
 * naming the subjects of exactly the people the SAML mapping gives them). Forged and expired tokens get AWS's codes;
 * a Cognito identity pool trusting the provider gives alice credentials with {@code aws cognito-identity}; the AWS SDK
 * for Java's web-identity-token-file provider turns alice's token into her session too.
 */
class WebIdentityEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "arn:aws:iam::111122223333:role/Admin";
    private static final String DEVELOPER = "arn:aws:iam::444455556666:role/Developer";
    private static final String READ_ONLY = "arn:aws:iam::444455556666:role/ReadOnly";
    private static final String NOT_AUTHORIZED = "An error occurred (AccessDenied) when calling the "
            + "AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity";
    private static final String BAD_SIGNATURE = "An error occurred (InvalidIdentityToken) when calling the "
            + "AssumeRoleWithWebIdentity operation: The token's signature does not verify under the identity "
            + "provider's keys.";

    @TempDir
    static Path work;

    private static RunningDemo demo;
    private static Chromium chromium;
    private static AwsCli aws;
    private static String aliceToken;
    private static String bobToken;

    @BeforeAll
    static void start() throws Exception {
        demo = RunningDemo.start(work.resolve("data"));
        String spki = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(demo.demo().oidcCertificate().getPublicKey().getEncoded()));
        chromium = Chromium.start(work, List.of("--ignore-certificate-errors-spki-list=" + spki));
        aws = AwsCli.against(demo.awsEndpoint(), work);
        aliceToken = signIn("alice", "wonderland");
        bobToken = signIn("bob", "builder");
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    /**
     * The token command's flow, trusting the issuer by the thumbprint the demo prints, with Chromium as the browser:
     * a fresh IdP session (the issuer's cookies dropped), then the login form.
     */
    private static String signIn(String username, String password) {
        URI issuer = demo.demo().oidcIssuer();
        chromium.driver().get(issuer.resolve("/.well-known/openid-configuration").toString());
        chromium.driver().manage().deleteAllCookies();
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow(issuer, "stsbridge-demo",
                IssuerTrust.thumbprint(demo.demo().oidcThumbprint()), Duration.ofSeconds(60));
        return flow.signIn(url -> {
            chromium.driver().get(url.toString());
            new WebDriverWait(chromium.driver(), SignInBrowser.WAIT)
                    .until(d -> !d.findElements(By.id("login-form")).isEmpty());
            chromium.driver().findElement(By.id("username")).sendKeys(username);
            chromium.driver().findElement(By.id("password")).sendKeys(password);
            chromium.driver().findElement(By.id("login-submit")).click();
        });
    }

    private static Path file(String name, String token) throws Exception {
        return Files.writeString(aws.home().resolve(name), token);
    }

    private static AwsCli.Run assume(AwsCli cli, String roleArn, String session, String token) throws Exception {
        Path file = file(session + "-" + System.nanoTime() + ".jwt", token);
        return cli.anonymous().run("sts", "assume-role-with-web-identity", "--role-arn", roleArn,
                "--role-session-name", session, "--web-identity-token", "file://" + file, "--no-sign-request");
    }

    private static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    @Test
    void theDemoRegisteredTheIssuerAsAnOpenIdConnectProviderWithTheClientAndThumbprint() {
        String host = demo.demo().oidcIssuer().getAuthority();
        AwsCli.Run provider = aws.withKeys(LocalAws.PROD_ACCESS_KEY, LocalAws.PROD_SECRET).run("iam",
                "get-open-id-connect-provider", "--open-id-connect-provider-arn",
                "arn:aws:iam::111122223333:oidc-provider/" + host);
        assertThat(provider.exitCode()).as(provider.toString()).isZero();
        assertThat(provider.json().get("ClientIDList").get(0).asText()).isEqualTo("stsbridge-demo");
        assertThat(provider.json().get("ThumbprintList").get(0).asText()).isEqualTo(demo.demo().oidcThumbprint());
    }

    @Test
    void alicesTokenBecomesHerAdminSessionWhoseCallerIdentityIsTheAssumedRole() throws Exception {
        AwsCli.Run assumed = assume(aws, ADMIN, "alice", aliceToken);
        assertThat(assumed.exitCode()).as(assumed.toString()).isZero();
        JsonNode answer = assumed.json();
        assertThat(answer.get("AssumedRoleUser").get("Arn").asText())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/alice");
        assertThat(answer.get("SubjectFromWebIdentityToken").asText()).isEqualTo(claims(aliceToken).getSubject());
        assertThat(answer.get("Audience").asText()).isEqualTo("stsbridge-demo");

        JsonNode credentials = answer.get("Credentials");
        AwsCli.Run identity = aws.withSessionCredentials(credentials.get("AccessKeyId").asText(),
                credentials.get("SecretAccessKey").asText(), credentials.get("SessionToken").asText())
                .run("sts", "get-caller-identity");
        assertThat(identity.exitCode()).as(identity.toString()).isZero();
        assertThat(identity.json().get("Arn").asText()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/alice");
        assertThat(identity.json().get("Account").asText()).isEqualTo("111122223333");
    }

    @Test
    void theSdksTokenFileProviderTurnsAlicesTokenFromTheIdpIntoHerAdminSession() throws Exception {
        // what EKS pods and CI jobs use (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN): the SDK reads the file and calls
        // AssumeRoleWithWebIdentity itself, at the STS endpoint of aws.endpointUrlSts (AWS_ENDPOINT_URL_STS)
        Path tokenFile = file("alice-sdk.jwt", aliceToken);
        Map<String, String> properties = Map.of("aws.region", "us-east-1", "aws.disableEc2Metadata", "true",
                "aws.endpointUrlSts", demo.awsEndpoint().toString());
        properties.forEach(System::setProperty);
        try (WebIdentityTokenFileCredentialsProvider provider = WebIdentityTokenFileCredentialsProvider.builder()
                .roleArn(ADMIN).roleSessionName("alice-sdk").webIdentityTokenFile(tokenFile).build();
             StsClient sts = StsClient.builder().endpointOverride(demo.awsEndpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(provider).build()) {
            assertThat(sts.getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/alice-sdk");
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void alicesSessionCarriesHerSessionTagsFromTheTokenOntoTheConsolePage() throws Exception {
        JsonNode credentials = assume(aws, ADMIN, "alice", aliceToken).json().get("Credentials");
        String session = JSON.writeValueAsString(Map.of("sessionId", credentials.get("AccessKeyId").asText(),
                "sessionKey", credentials.get("SecretAccessKey").asText(),
                "sessionToken", credentials.get("SessionToken").asText()));
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                demo.awsEndpoint() + "/federation?" + form(Map.of("Action", "getSigninToken", "Session", session))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String signinToken = JSON.readTree(token.body()).get("SigninToken").asText();

        chromium.driver().get(demo.awsEndpoint() + "/federation?" + form(Map.of("Action", "login", "Issuer",
                "https://localhost/", "Destination", "https://console.aws.amazon.com/", "SigninToken", signinToken)));
        SignInBrowser.ConsolePage page = new SignInBrowser(chromium.driver(), demo).console();
        assertThat(page.assumedRoleArn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/alice");
        assertThat(page.tags()).containsEntry("department", "engineering").containsEntry("team", "platform");
    }

    @Test
    void alicesTokenAlsoOpensHerDeveloperRoleInTheDevAccount() throws Exception {
        AwsCli.Run assumed = assume(aws, DEVELOPER, "alice", aliceToken);
        assertThat(assumed.exitCode()).as(assumed.toString()).isZero();
        assertThat(assumed.json().get("AssumedRoleUser").get("Arn").asText())
                .isEqualTo("arn:aws:sts::444455556666:assumed-role/Developer/alice");
    }

    @Test
    void bobsTokenIsRefusedForAdminBecauseTheTrustPolicyNamesOnlyAlicesSubject() throws Exception {
        AwsCli.Run refused = assume(aws, ADMIN, "bob", bobToken);
        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.stderr()).contains(NOT_AUTHORIZED);
    }

    @Test
    void bobsTokenOpensHisReadOnlyRoleAndAlicesDoesNot() throws Exception {
        AwsCli.Run bob = assume(aws, READ_ONLY, "bob", bobToken);
        assertThat(bob.exitCode()).as(bob.toString()).isZero();
        assertThat(bob.json().get("AssumedRoleUser").get("Arn").asText())
                .isEqualTo("arn:aws:sts::444455556666:assumed-role/ReadOnly/bob");
        AwsCli.Run alice = assume(aws, READ_ONLY, "alice", aliceToken);
        assertThat(alice.stderr()).contains(NOT_AUTHORIZED);
    }

    @Test
    void bobsTokenWithAlicesSubjectPastedInIsInvalidIdentityToken() throws Exception {
        String[] parts = bobToken.split("\\.");
        JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        ((com.fasterxml.jackson.databind.node.ObjectNode) payload).put("sub", claims(aliceToken).getSubject());
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(JSON.writeValueAsBytes(payload)) + "." + parts[2];

        AwsCli.Run refused = assume(aws, ADMIN, "alice", forged);
        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.stderr()).contains(BAD_SIGNATURE);
    }

    @Test
    void aTokenWithAlicesClaimsSignedByAnotherKeyUnderTheIdpsKidIsInvalidIdentityToken() throws Exception {
        SignedJWT original = SignedJWT.parse(aliceToken);
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(original.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(original.getHeader().getKeyID()).build(), original.getJWTClaimsSet());
        forged.sign(new RSASSASigner(attacker));

        AwsCli.Run refused = assume(aws, ADMIN, "alice", forged.serialize());
        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.stderr()).contains(BAD_SIGNATURE);
    }

    /**
     * A second verifier whose clock runs two hours ahead (the demo's tokens live one hour), with the demo's issuer
     * registered as its provider: alice's fresh token is expired there. IAM is set up while it runs on the real clock
     * (SigV4 refuses requests two hours off), then it restarts on the late clock with the same state directory.
     */
    @Test
    void alicesTokenSeenTwoHoursLaterIsExpiredTokenException() throws Exception {
        Path state = work.resolve("late-verifier");
        String host = demo.demo().oidcIssuer().getAuthority();
        try (LocalAws now = LocalAws.start(state, Clock.systemUTC())) {
            AwsCli admin = AwsCli.against(now.endpoint(), work).withKeys(LocalAws.PROD_ACCESS_KEY,
                    LocalAws.PROD_SECRET);
            AwsCli.Run provider = admin.run("iam", "create-open-id-connect-provider", "--url",
                    demo.demo().oidcIssuer().toString(), "--client-id-list", "stsbridge-demo", "--thumbprint-list",
                    demo.demo().oidcThumbprint());
            assertThat(provider.exitCode()).as(provider.toString()).isZero();
            AwsCli.Run role = admin.run("iam", "create-role", "--role-name", "Admin", "--assume-role-policy-document",
                    trustPolicy(host));
            assertThat(role.exitCode()).as(role.toString()).isZero();
        }
        try (LocalAws late = LocalAws.start(state, Clock.offset(Clock.systemUTC(), Duration.ofHours(2)))) {
            AwsCli.Run refused = assume(AwsCli.against(late.endpoint(), work), ADMIN, "alice", aliceToken);
            assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
            assertThat(refused.stderr()).containsPattern("An error occurred \\(ExpiredTokenException\\) when calling "
                    + "the AssumeRoleWithWebIdentity operation: Token expired: current date/time \\d+ must be before "
                    + "the expiration date/time " + claims(aliceToken).getExpirationTime().toInstant()
                    .getEpochSecond());
        }
    }

    private static String trustPolicy(String host) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                + "\"arn:aws:iam::111122223333:oidc-provider/" + host + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                + "\"Condition\":{\"StringEquals\":{\"" + host + ":aud\":\"stsbridge-demo\"}}}]}";
    }

    /** The demo's pool (banner: "Cognito identity pool ... (stsbridge-demo)"), found as a user would with the CLI. */
    @Test
    void theDemosCognitoPoolGivesAliceItsAuthenticatedRoleWithGetIdAndGetCredentialsForIdentity() throws Exception {
        AwsCli prod = aws.withKeys(LocalAws.PROD_ACCESS_KEY, LocalAws.PROD_SECRET);
        AwsCli.Run pools = prod.run("cognito-identity", "list-identity-pools", "--max-results", "60");
        assertThat(pools.exitCode()).as(pools.toString()).isZero();
        String poolId = null;
        for (JsonNode pool : pools.json().get("IdentityPools")) {
            if ("stsbridge-demo".equals(pool.get("IdentityPoolName").asText())) {
                poolId = pool.get("IdentityPoolId").asText();
            }
        }
        assertThat(poolId).as(pools.toString()).isNotNull();
        AwsCli.Run described = prod.run("cognito-identity", "describe-identity-pool", "--identity-pool-id", poolId);
        String host = demo.demo().oidcIssuer().getAuthority();
        assertThat(described.json().get("OpenIdConnectProviderARNs").get(0).asText())
                .isEqualTo("arn:aws:iam::111122223333:oidc-provider/" + host);
        assertThat(described.json().get("AllowUnauthenticatedIdentities").asBoolean()).isFalse();
        String logins = JSON.writeValueAsString(Map.of(host, aliceToken));

        AwsCli.Run id = aws.anonymous().run("cognito-identity", "get-id", "--identity-pool-id", poolId,
                "--logins", logins, "--no-sign-request");
        assertThat(id.exitCode()).as(id.toString()).isZero();
        String identityId = id.json().get("IdentityId").asText();
        AwsCli.Run credentials = aws.anonymous().run("cognito-identity", "get-credentials-for-identity",
                "--identity-id", identityId, "--logins", logins, "--no-sign-request");
        assertThat(credentials.exitCode()).as(credentials.toString()).isZero();
        assertThat(credentials.json().get("IdentityId").asText()).isEqualTo(identityId);

        JsonNode c = credentials.json().get("Credentials");
        AwsCli.Run identity = aws.withSessionCredentials(c.get("AccessKeyId").asText(), c.get("SecretKey").asText(),
                c.get("SessionToken").asText()).run("sts", "get-caller-identity");
        assertThat(identity.exitCode()).as(identity.toString()).isZero();
        assertThat(identity.json().get("Arn").asText())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/CognitoSignedIn/CognitoIdentityCredentials");
    }

    @Test
    void theDemosCognitoPoolRefusesGetIdWithoutALogin() {
        AwsCli prod = aws.withKeys(LocalAws.PROD_ACCESS_KEY, LocalAws.PROD_SECRET);
        String poolId = prod.run("cognito-identity", "list-identity-pools", "--max-results", "60", "--query",
                "IdentityPools[?IdentityPoolName=='stsbridge-demo'].IdentityPoolId | [0]", "--output", "text")
                .stdout().strip();
        AwsCli.Run refused = aws.anonymous().run("cognito-identity", "get-id", "--identity-pool-id", poolId,
                "--no-sign-request");
        assertThat(refused.stderr()).contains("An error occurred (NotAuthorizedException) when calling the GetId "
                + "operation: Unauthenticated access is not supported for this identity pool.");
    }

    private static String form(Map<String, String> fields) {
        Map<String, String> ordered = new LinkedHashMap<>(fields);
        StringBuilder query = new StringBuilder();
        ordered.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return query.toString();
    }
}
