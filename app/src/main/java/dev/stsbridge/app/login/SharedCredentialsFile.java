package dev.stsbridge.app.login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The AWS shared credentials file ({@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}): one
 * profile's section replaced (or added at the end) with the session's keys, every other line kept exactly as it was,
 * written atomically with mode {@code 0600} ({@link PrivateFiles}). Besides the three keys the SDKs read, the section
 * says when the keys expire and whose they are ({@code x_security_token_expires} and {@code x_principal_arn}, the
 * names saml2aws uses; SDKs ignore keys they do not know).
 */
public final class SharedCredentialsFile {

    /** The profile names we write: no brackets, spaces or line breaks, at most 64 characters. */
    public static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9_.@+-]{1,64}");
    private static final Pattern SECTION = Pattern.compile("\\s*\\[\\s*([^\\]]*?)\\s*\\]\\s*(?:[#;].*)?");

    private final Path file;

    public SharedCredentialsFile(Path file) {
        this.file = file;
    }

    /** Where the AWS CLI and SDKs look: {@code AWS_SHARED_CREDENTIALS_FILE}, or {@code <home>/.aws/credentials}. */
    public static SharedCredentialsFile of(Map<String, String> environment, Path home) {
        String override = environment.get("AWS_SHARED_CREDENTIALS_FILE");
        return new SharedCredentialsFile(override != null && !override.isBlank()
                ? Path.of(override.startsWith("~/") ? home + override.substring(1) : override)
                : home.resolve(".aws").resolve("credentials"));
    }

    public Path path() {
        return file;
    }

    /** Writes {@code profile}'s section with these credentials. */
    public void write(String profile, SessionCredentials credentials) {
        checkProfile(profile);
        List<String> lines = read();
        List<String> section = List.of("[" + profile + "]",
                "aws_access_key_id = " + credentials.accessKeyId(),
                "aws_secret_access_key = " + credentials.secretAccessKey(),
                "aws_session_token = " + credentials.sessionToken(),
                "x_security_token_expires = " + credentials.expiration(),
                "x_principal_arn = " + credentials.assumedRoleArn());
        List<String> out = new ArrayList<>();
        boolean replaced = false;
        int i = 0;
        while (i < lines.size()) {
            if (isSection(lines.get(i), profile)) {
                out.addAll(section);
                replaced = true;
                i++;
                while (i < lines.size() && sectionName(lines.get(i)).isEmpty()) {
                    i++; // the old section's keys (and comments) go
                }
                if (i < lines.size()) {
                    out.add("");
                }
                continue;
            }
            out.add(lines.get(i));
            i++;
        }
        if (!replaced) {
            while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
                out.remove(out.size() - 1);
            }
            if (!out.isEmpty()) {
                out.add("");
            }
            out.addAll(section);
        }
        PrivateFiles.write(file, (String.join("\n", out) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The keys of {@code profile}'s section, lower-cased names, if the file has one. */
    public Optional<Map<String, String>> read(String profile) {
        Map<String, String> keys = new LinkedHashMap<>();
        boolean inside = false;
        boolean found = false;
        for (String line : read()) {
            Optional<String> name = sectionName(line);
            if (name.isPresent()) {
                inside = name.get().equals(profile);
                found |= inside;
                continue;
            }
            int equals = line.indexOf('=');
            if (inside && equals > 0 && !line.strip().startsWith("#") && !line.strip().startsWith(";")) {
                keys.put(line.substring(0, equals).strip().toLowerCase(Locale.ROOT), line.substring(equals + 1).strip());
            }
        }
        return found ? Optional.of(keys) : Optional.empty();
    }

    static void checkProfile(String profile) {
        if (!PROFILE.matcher(profile).matches()) {
            throw new LoginFailure(LoginFailure.Kind.LOCAL, "the profile name '" + profile + "' is not usable: "
                    + "letters, digits and _ . @ + - only, at most 64");
        }
    }

    private List<String> read() {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        } catch (IOException e) {
            throw new LoginFailure(LoginFailure.Kind.LOCAL, "cannot read " + file + ": " + e, e);
        }
    }

    private static boolean isSection(String line, String profile) {
        return sectionName(line).filter(profile::equals).isPresent();
    }

    private static Optional<String> sectionName(String line) {
        var matcher = SECTION.matcher(line);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
