package dev.stsbridge.app.login;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The AWS shared files a sign-in writes. The credentials file ({@code AWS_SHARED_CREDENTIALS_FILE}, else
 * {@code ~/.aws/credentials}): the profile's section replaced (or added) with the session's keys; besides the three the
 * SDKs read, it says when they expire and whose they are ({@code x_security_token_expires}, {@code x_principal_arn},
 * the names saml2aws uses; SDKs ignore keys they do not know). The config file ({@code AWS_CONFIG_FILE}, else
 * {@code ~/.aws/config}): the profile's {@code region}, only if it has none, so that the CLI has one. Every other
 * profile and line stays as it was; both files are written atomically, mode {@code 0600}.
 */
public final class SharedCredentialsFile {

    /** The profile names we write: no brackets, spaces or line breaks, at most 64 characters. */
    public static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9_.@+-]{1,64}");

    private final AwsIniFile credentials;
    private final AwsIniFile config;

    public SharedCredentialsFile(Path credentials, Path config) {
        this.credentials = new AwsIniFile(credentials);
        this.config = new AwsIniFile(config);
    }

    /** Where the AWS CLI and SDKs look, after their environment variables. */
    public static SharedCredentialsFile of(Map<String, String> environment, Path home) {
        return new SharedCredentialsFile(file(environment.get("AWS_SHARED_CREDENTIALS_FILE"), home, "credentials"),
                file(environment.get("AWS_CONFIG_FILE"), home, "config"));
    }

    private static Path file(String override, Path home, String name) {
        if (override == null || override.isBlank()) {
            return home.resolve(".aws").resolve(name);
        }
        return Path.of(override.startsWith("~/") ? home + override.substring(1) : override);
    }

    public Path path() {
        return credentials.path();
    }

    public Path configPath() {
        return config.path();
    }

    /** Writes {@code profile}'s keys, and its region in the config file unless it has one. */
    public void write(String profile, SessionCredentials session, String region) {
        checkProfile(profile);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("aws_access_key_id", session.accessKeyId());
        keys.put("aws_secret_access_key", session.secretAccessKey());
        keys.put("aws_session_token", session.sessionToken());
        keys.put("x_security_token_expires", session.expiration().toString());
        keys.put("x_principal_arn", session.assumedRoleArn());
        credentials.replaceSection(profile, keys);
        config.setIfAbsent(profile.equals("default") ? "default" : "profile " + profile, "region", region);
    }

    /** The keys of {@code profile}'s section in the credentials file, if it has one. */
    public Optional<Map<String, String>> read(String profile) {
        return credentials.read(profile);
    }

    static void checkProfile(String profile) {
        if (!PROFILE.matcher(profile).matches()) {
            throw new LoginFailure(LoginFailure.Kind.LOCAL, "the profile name '" + profile + "' is not usable: "
                    + "letters, digits and _ . @ + - only, at most 64");
        }
    }
}
