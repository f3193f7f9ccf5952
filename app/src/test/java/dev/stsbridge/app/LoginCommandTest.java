package dev.stsbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.app.demo.Demo;
import dev.stsbridge.app.demo.DemoSettings;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code stsbridge login}, {@code credentials} and {@code console} against a running demo (the IdP's ECP endpoint and
 * role catalogue, the verifier's STS): what they write, what they print, and each way they refuse.
 */
class LoginCommandTest {

    private static final String ALICE_ADMIN = "arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com";

    @TempDir
    static Path dataDir;
    @TempDir
    Path home;

    private static Demo demo;

    @BeforeAll
    static void startDemo() {
        CommandRun keys = CommandRun.run("keys", "generate", "--algorithm", "rsa-2048", "--data-dir",
                dataDir.toString());
        assertThat(keys.exitCode()).as(keys.toString()).isZero();
        demo = Demo.start(DemoSettings.defaults(dataDir).withPorts(0, 0));
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    private Map<String, String> env(String password) {
        Map<String, String> variables = new HashMap<>(Map.of("HOME", home.toString()));
        if (password != null) {
            variables.put("STSBRIDGE_PASSWORD", password);
        }
        return variables;
    }

    private CommandRun login(String password, String user, String... more) {
        List<String> args = new ArrayList<>(List.of("login", "--idp", demo.idpUrl().toString(), "--user", user,
                "--sts-endpoint", demo.awsEndpoint().toString()));
        args.addAll(List.of(more));
        return CommandRun.run(Clock.systemUTC(), env(password), args.toArray(String[]::new));
    }

    private CommandRun credentials(Clock clock, String password, String... more) {
        List<String> args = new ArrayList<>(List.of("credentials"));
        args.addAll(List.of(more));
        return CommandRun.run(clock, env(password), args.toArray(String[]::new));
    }

    private String callerArn(String accessKeyId, String secret, String token) {
        try (StsClient sts = StsClient.builder().endpointOverride(demo.awsEndpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(accessKeyId, secret,
                        token))).build()) {
            return sts.getCallerIdentity().arn();
        }
    }

    @Test
    void loginWritesTheProfileThatStsRecognisesAsAlicesAssumedRole() throws Exception {
        Path credentials = home.resolve(".aws/credentials");
        Files.createDirectories(credentials.getParent());
        Files.writeString(credentials, "# mine\n[default]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = s\n\n"
                + "[work]\nregion=eu-west-1\n");
        CommandRun run = login("wonderland", "alice", "--account", "prod", "--role", "Admin", "--profile", "demo");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Signed in as " + ALICE_ADMIN + " until ");
        String file = Files.readString(credentials);
        assertThat(file).startsWith("# mine\n[default]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = s\n\n"
                + "[work]\nregion=eu-west-1\n\n[demo]\naws_access_key_id = ASIA");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        Map<String, String> demoKeys = section(file, "demo");
        assertThat(callerArn(demoKeys.get("aws_access_key_id"), demoKeys.get("aws_secret_access_key"),
                demoKeys.get("aws_session_token"))).isEqualTo(ALICE_ADMIN);
        assertThat(demoKeys.get("x_principal_arn")).isEqualTo(ALICE_ADMIN);
        assertThat(Files.readString(home.resolve(".aws/config"))).isEqualTo("[profile demo]\nregion = us-east-1\n");
        try (var leftovers = Files.list(credentials.getParent())) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("credentials", "config");
        }

        CommandRun again = login("wonderland", "alice", "--account", "dev", "--role", "Developer", "--profile", "demo");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        String replaced = Files.readString(credentials);
        assertThat(replaced).startsWith("# mine\n[default]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = s\n\n"
                + "[work]\nregion=eu-west-1\n\n[demo]\n").containsOnlyOnce("[demo]")
                .contains("x_principal_arn = arn:aws:sts::444455556666:assumed-role/Developer/alice@example.com");
    }

    @Test
    void theAccountMayBeNamedByIdAndTheOnlyRoleNeedsNoFlags() {
        assertThat(login("wonderland", "alice", "--account", "111122223333", "--role", "Admin").exitCode()).isZero();
        CommandRun bob = login("builder", "bob", "--profile", "bob");
        assertThat(bob.exitCode()).as(bob.toString()).isZero();
        assertThat(bob.out()).startsWith("Signed in as arn:aws:sts::444455556666:assumed-role/ReadOnly/bob@example.com");
    }

    @Test
    void wrongPasswordIsRefusedAndWritesNothing() {
        CommandRun run = login("nope", "alice", "--account", "prod", "--role", "Admin");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo("stsbridge: Invalid username or password.\n");
        assertThat(home.resolve(".aws")).doesNotExist();
        assertThat(home.resolve(".stsbridge")).doesNotExist();
    }

    @Test
    void someoneWithoutRolesIsTold() {
        CommandRun run = login("chocolate", "carol");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo("stsbridge: carol has no AWS roles\n");
    }

    @Test
    void aRoleThePersonDoesNotHaveIsRefusedListingTheirRoles() {
        CommandRun run = login("builder", "bob", "--account", "prod", "--role", "Admin");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo("stsbridge: bob may not use role Admin in account prod (roles: dev "
                + "(444455556666) ReadOnly)\n");
    }

    @Test
    void severalRolesWithoutFlagsAndWithoutATerminalAskForFlags() {
        CommandRun run = login("wonderland", "alice");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo("stsbridge: alice has 2 roles: choose one with --account and --role\n");
    }

    @Test
    void withoutPasswordAndTerminalLoginSaysHowToGiveOne() {
        CommandRun run = login(null, "alice", "--account", "prod", "--role", "Admin");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("set STSBRIDGE_PASSWORD");
    }

    @Test
    void durationOverTheRolesMaximumIsStssRefusal() {
        CommandRun run = login("wonderland", "alice", "--account", "prod", "--role", "Admin", "--duration", "43201");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith("stsbridge: STS refused AssumeRoleWithSAML: ValidationError: ");
    }

    @Test
    void credentialsPrintTheCachedSessionAsCredentialProcessJson() throws Exception {
        assertThat(login("wonderland", "alice", "--account", "prod", "--role", "Admin", "--profile", "demo")
                .exitCode()).isZero();
        Map<String, String> written = section(Files.readString(home.resolve(".aws/credentials")), "demo");
        CommandRun run = credentials(Clock.systemUTC(), null, "--profile", "demo");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("Version").asInt()).isEqualTo(1);
        assertThat(json.get("AccessKeyId").asText()).isEqualTo(written.get("aws_access_key_id"));
        assertThat(json.get("SecretAccessKey").asText()).isEqualTo(written.get("aws_secret_access_key"));
        assertThat(json.get("SessionToken").asText()).isEqualTo(written.get("aws_session_token"));
        assertThat(Instant.parse(json.get("Expiration").asText())).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                home.resolve(".stsbridge/cache/demo.json")))).isEqualTo("rw-------");
    }

    @Test
    void credentialsCloseToTheirExpiryAreRenewedWithThePassword() throws Exception {
        assertThat(login("wonderland", "alice", "--account", "prod", "--role", "Admin", "--profile", "demo")
                .exitCode()).isZero();
        String before = new ObjectMapper().readTree(credentials(Clock.systemUTC(), null, "--profile", "demo").out())
                .get("AccessKeyId").asText();
        Clock late = Clock.fixed(Instant.now().plus(Duration.ofMinutes(50)), ZoneOffset.UTC); // 10 minutes left

        CommandRun renewed = credentials(late, "wonderland", "--profile", "demo");
        assertThat(renewed.exitCode()).as(renewed.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(renewed.out());
        assertThat(json.get("AccessKeyId").asText()).isNotEqualTo(before);
        assertThat(callerArn(json.get("AccessKeyId").asText(), json.get("SecretAccessKey").asText(),
                json.get("SessionToken").asText())).isEqualTo(ALICE_ADMIN);
        CommandRun cached = credentials(Clock.systemUTC(), null, "--profile", "demo");
        assertThat(new ObjectMapper().readTree(cached.out()).get("AccessKeyId").asText())
                .isEqualTo(json.get("AccessKeyId").asText());
    }

    @Test
    void expiredCacheWithoutAPasswordIsRefusedSayingWhatToDo() {
        assertThat(login("wonderland", "alice", "--account", "prod", "--role", "Admin", "--profile", "demo")
                .exitCode()).isZero();
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
        CommandRun run = credentials(later, null, "--profile", "demo");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("stsbridge: the credentials of profile demo expire at ")
                .contains("run stsbridge login --profile demo, or set STSBRIDGE_PASSWORD");
    }

    @Test
    void credentialsOfAProfileThatNeverSignedInAreRefused() {
        CommandRun run = credentials(Clock.systemUTC(), "wonderland", "--profile", "never");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo("stsbridge: profile never has not signed in: run stsbridge login --profile "
                + "never (or give --idp, --user, --account, --role)\n");
    }

    @Test
    void credentialsCanSignInByThemselvesWithEveryOption() throws Exception {
        CommandRun run = credentials(Clock.systemUTC(), "wonderland", "--profile", "fresh", "--idp",
                demo.idpUrl().toString(), "--user", "alice", "--account", "prod", "--role", "Admin",
                "--sts-endpoint", demo.awsEndpoint().toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(callerArn(json.get("AccessKeyId").asText(), json.get("SecretAccessKey").asText(),
                json.get("SessionToken").asText())).isEqualTo(ALICE_ADMIN);
    }

    @Test
    void badProfileNamesAreRefusedBeforeAnythingHappens() {
        CommandRun run = login("wonderland", "alice", "--account", "prod", "--role", "Admin", "--profile", "a]b");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("the profile name 'a]b' is not usable");
    }

    @Test
    void consolePrintsAFederationUrlWhosePageShowsTheSessionOnceOnly() throws Exception {
        assertThat(login("wonderland", "alice", "--account", "prod", "--role", "Admin", "--profile", "demo")
                .exitCode()).isZero();
        CommandRun run = CommandRun.run(Clock.systemUTC(), env(null), "console", "--profile", "demo");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String url = run.out().strip();
        assertThat(url).startsWith(demo.awsEndpoint() + "/federation?Action=login&Issuer="
                + java.net.URLEncoder.encode(demo.idpUrl().toString(), java.nio.charset.StandardCharsets.UTF_8)
                + "&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F&SigninToken=");
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
        java.net.http.HttpResponse<String> page = browser.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(ALICE_ADMIN);
        java.net.http.HttpResponse<String> again = browser.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(400);
    }

    @Test
    void consoleRefusesAProfileWithoutASessionAndAnExpiredOne() {
        CommandRun none = CommandRun.run(Clock.systemUTC(), env(null), "console", "--profile", "never");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(none.err()).isEqualTo("stsbridge: profile never has not signed in: run stsbridge login --profile "
                + "never\n");
        assertThat(login("wonderland", "alice", "--account", "prod", "--role", "Admin", "--profile", "demo")
                .exitCode()).isZero();
        CommandRun expired = CommandRun.run(Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC),
                env(null), "console", "--profile", "demo");
        assertThat(expired.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(expired.err()).startsWith("stsbridge: the session of profile demo expired at ");
    }

    static Map<String, String> section(String file, String name) {
        Map<String, String> keys = new HashMap<>();
        boolean inside = false;
        for (String line : file.split("\n")) {
            if (line.startsWith("[")) {
                inside = line.equals("[" + name + "]");
            } else if (inside && line.contains("=")) {
                keys.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return keys;
    }
}
