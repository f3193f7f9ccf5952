package dev.stsbridge.verifier.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.jetty.util.UrlEncoded;

import dev.stsbridge.verifier.AwsError;

/**
 * The parameters of one Query request: the form body and the query string merged, in the order received. Decoding is
 * strict (Jetty's {@link UrlEncoded}): bad percent-escapes or bytes that are not UTF-8 are refused, and so is a name
 * that appears twice (AWS's own behaviour for a repeated name is undocumented; refusing it rules out parameter
 * pollution between the query string and the body).
 */
public final class QueryParameters {

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static QueryParameters of(Map<String, String> values) {
        return new QueryParameters(new LinkedHashMap<>(values));
    }

    /**
     * Decodes and merges {@code application/x-www-form-urlencoded} texts.
     *
     * @throws dev.stsbridge.verifier.AwsException {@code MalformedQueryString} on bad encoding or a repeated name
     */
    public static QueryParameters decode(String... encodedTexts) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (String text : encodedTexts) {
            for (Map.Entry<String, String> pair : decodePairs(text)) {
                if (merged.putIfAbsent(pair.getKey(), pair.getValue()) != null) {
                    throw malformed("The parameter " + pair.getKey() + " appears more than once.");
                }
            }
        }
        return new QueryParameters(merged);
    }

    /** Decodes one form-encoded text into its pairs, in order, repeated names kept. */
    public static List<Map.Entry<String, String>> decodePairs(String text) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (text.isEmpty()) {
            return pairs;
        }
        try {
            UrlEncoded.decodeUtf8To(text, 0, text.length(), (name, value) -> pairs.add(Map.entry(name, value)));
        } catch (IllegalArgumentException e) {
            throw malformed("The query string contains a syntax error.");
        }
        return pairs;
    }

    private static RuntimeException malformed(String message) {
        // Status 404 is what AWS's common-errors reference documents for MalformedQueryString.
        return AwsError.sender("MalformedQueryString", message, 404).exception();
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** All parameters, in the order received. */
    public Map<String, String> asMap() {
        return values;
    }

    /**
     * The entries of a Query list: for {@code prefix = "Tags.member"} the parameters {@code Tags.member.N.<field>}
     * grouped by N in ascending order, each as field -> value. Entries with a non-numeric or non-positive index are
     * not list entries and are ignored, as unknown parameters are.
     */
    public List<Map<String, String>> structList(String prefix) {
        TreeMap<Integer, Map<String, String>> entries = new TreeMap<>();
        String start = prefix + ".";
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!e.getKey().startsWith(start)) {
                continue;
            }
            String rest = e.getKey().substring(start.length());
            int dot = rest.indexOf('.');
            String index = dot < 0 ? rest : rest.substring(0, dot);
            String field = dot < 0 ? "" : rest.substring(dot + 1);
            positiveIndex(index).ifPresent(i -> entries.computeIfAbsent(i, k -> new LinkedHashMap<>())
                    .put(field, e.getValue()));
        }
        return List.copyOf(entries.values());
    }

    private static Optional<Integer> positiveIndex(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int index = Integer.parseInt(text);
        return index > 0 ? Optional.of(index) : Optional.empty();
    }
}
