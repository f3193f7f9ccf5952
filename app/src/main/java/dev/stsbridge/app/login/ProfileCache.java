package dev.stsbridge.app.login;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * stsbridge's own record of each profile ({@code STSBRIDGE_HOME}, else {@code ~/.stsbridge}, then
 * {@code cache/<profile>.json}, mode {@code 0600}): the {@link LoginSettings} of its last sign-in, the sign-in URL the
 * assertion was for, and the session's credentials, so that {@code credentials} can answer from it until shortly before
 * the expiry and then sign in again, and {@code console} can find the federation endpoint.
 */
public final class ProfileCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One cached profile. */
    public record Entry(LoginSettings settings, URI signinUrl, SessionCredentials credentials) {
    }

    private final Path directory;

    public ProfileCache(Path directory) {
        this.directory = directory;
    }

    /** {@code STSBRIDGE_HOME/cache}, or {@code <home>/.stsbridge/cache}. */
    public static ProfileCache of(Map<String, String> environment, Path home) {
        String override = environment.get("STSBRIDGE_HOME");
        Path base = override != null && !override.isBlank() ? Path.of(override) : home.resolve(".stsbridge");
        return new ProfileCache(base.resolve("cache"));
    }

    public Path file(String profile) {
        SharedCredentialsFile.checkProfile(profile);
        return directory.resolve(profile + ".json");
    }

    public void write(String profile, Entry entry) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("idp", entry.settings().idp().toString());
        settings.put("user", entry.settings().user());
        settings.put("account", entry.settings().account());
        settings.put("role", entry.settings().role());
        entry.settings().durationSeconds().ifPresent(d -> settings.put("durationSeconds", d));
        entry.settings().stsEndpoint().ifPresent(u -> settings.put("stsEndpoint", u.toString()));
        Map<String, Object> credentials = new LinkedHashMap<>(entry.credentials().credentialProcessOutput());
        credentials.remove("Version");
        credentials.put("AssumedRoleArn", entry.credentials().assumedRoleArn());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", 1);
        document.put("settings", settings);
        document.put("signinUrl", entry.signinUrl().toString());
        document.put("credentials", credentials);
        try {
            PrivateFiles.write(file(profile), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
        } catch (IOException e) {
            throw new LoginFailure(LoginFailure.Kind.LOCAL, "cannot write the cache of profile " + profile, e);
        }
    }

    public Optional<Entry> read(String profile) {
        Path file = file(profile);
        try {
            JsonNode json = JSON.readTree(Files.readAllBytes(file));
            JsonNode s = json.path("settings");
            JsonNode c = json.path("credentials");
            LoginSettings settings = new LoginSettings(URI.create(text(s, "idp")), text(s, "user"),
                    text(s, "account"), text(s, "role"),
                    s.hasNonNull("durationSeconds") ? Optional.of(s.get("durationSeconds").asInt()) : Optional.empty(),
                    s.hasNonNull("stsEndpoint") ? Optional.of(URI.create(s.get("stsEndpoint").asText()))
                            : Optional.empty());
            SessionCredentials credentials = new SessionCredentials(text(c, "AccessKeyId"), text(c, "SecretAccessKey"),
                    text(c, "SessionToken"), Instant.parse(text(c, "Expiration")), text(c, "AssumedRoleArn"));
            return Optional.of(new Entry(settings, URI.create(text(json, "signinUrl")), credentials));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new LoginFailure(LoginFailure.Kind.LOCAL, "the cache " + file + " cannot be read (" + e.getMessage()
                    + "): delete it and run stsbridge login again", e);
        }
    }

    private static String text(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw new IllegalArgumentException("no " + field);
        }
        return node.get(field).asText();
    }
}
