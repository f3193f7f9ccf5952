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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS CLI/SDK INI file ({@code ~/.aws/credentials}, {@code ~/.aws/config}) changed one section at a time: every
 * line outside the section is kept exactly as it was, and the file is written atomically with mode {@code 0600}
 * ({@link PrivateFiles}).
 */
final class AwsIniFile {

    private static final Pattern SECTION = Pattern.compile("\\s*\\[\\s*([^\\]]*?)\\s*\\]\\s*(?:[#;].*)?");
    private static final Pattern KEY = Pattern.compile("\\s*([^=#;\\s][^=]*?)\\s*=.*");

    private final Path file;

    AwsIniFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** Replaces the section's keys with {@code keys} (in this order), or adds the section at the end. */
    void replaceSection(String section, Map<String, String> keys) {
        List<String> lines = lines();
        List<String> body = new ArrayList<>();
        keys.forEach((k, v) -> body.add(k + " = " + v));
        int header = find(lines, section);
        if (header < 0) {
            append(lines, section, body);
        } else {
            int end = end(lines, header);
            List<String> kept = new ArrayList<>(lines.subList(0, header + 1));
            kept.addAll(body);
            if (end < lines.size() && !lines.get(end).isBlank()) {
                kept.add("");
            }
            kept.addAll(lines.subList(end, lines.size()));
            lines = kept;
        }
        write(lines);
    }

    /** Sets {@code key} in the section (adding the section) unless the section already has it. */
    void setIfAbsent(String section, String key, String value) {
        if (read(section).map(keys -> keys.containsKey(key)).orElse(false)) {
            return;
        }
        List<String> lines = lines();
        int header = find(lines, section);
        if (header < 0) {
            append(lines, section, List.of(key + " = " + value));
        } else {
            lines.add(header + 1, key + " = " + value);
        }
        write(lines);
    }

    /** The section's keys (lower case) and values, if the file has the section. */
    Optional<Map<String, String>> read(String section) {
        List<String> lines = lines();
        int header = find(lines, section);
        if (header < 0) {
            return Optional.empty();
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : lines.subList(header + 1, end(lines, header))) {
            Matcher key = KEY.matcher(line);
            if (key.matches()) {
                keys.put(key.group(1).toLowerCase(Locale.ROOT), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return Optional.of(keys);
    }

    private static void append(List<String> lines, String section, List<String> body) {
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (!lines.isEmpty()) {
            lines.add("");
        }
        lines.add("[" + section + "]");
        lines.addAll(body);
    }

    private static int find(List<String> lines, String section) {
        for (int i = 0; i < lines.size(); i++) {
            if (sectionName(lines.get(i)).filter(section::equals).isPresent()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where the section that starts at {@code header} ends: at the next section's header, or before the blank and
     * comment lines just above it (they belong to that section), or at the end of the file.
     */
    private static int end(List<String> lines, int header) {
        int end = header + 1;
        while (end < lines.size() && sectionName(lines.get(end)).isEmpty()) {
            end++;
        }
        while (end > header + 1 && (lines.get(end - 1).isBlank() || isComment(lines.get(end - 1)))) {
            end--;
        }
        return end;
    }

    private static boolean isComment(String line) {
        String text = line.strip();
        return text.startsWith("#") || text.startsWith(";");
    }

    private static Optional<String> sectionName(String line) {
        Matcher matcher = SECTION.matcher(line);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private List<String> lines() {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        } catch (IOException e) {
            throw new LoginFailure(LoginFailure.Kind.LOCAL, "cannot read " + file + ": " + e, e);
        }
    }

    private void write(List<String> lines) {
        PrivateFiles.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
