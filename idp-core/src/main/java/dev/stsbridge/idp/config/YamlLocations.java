package dev.stsbridge.idp.config;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The line of every key and list item of a YAML document, so that errors found after binding (in the records'
 * constructors) can still name their line.
 */
final class YamlLocations {

    private final Map<String, Integer> lines;

    private YamlLocations(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** Indexes a document; a YAML syntax error surfaces as Jackson's exception with its location. */
    static YamlLocations index(YAMLFactory factory, String yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = factory.createParser(yaml)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                JsonStreamContext context = token.isStructStart() ? parser.getParsingContext().getParent()
                        : parser.getParsingContext();
                if (context != null && (token == JsonToken.FIELD_NAME || context.inArray())) {
                    lines.putIfAbsent(context.pathAsPointer().toString(), parser.currentTokenLocation().getLineNr());
                }
            }
        }
        return new YamlLocations(lines);
    }

    /** The line of the key, or of its nearest enclosing key that exists; 0 if none is known. */
    int line(List<Object> path) {
        for (int n = path.size(); n > 0; n--) {
            Integer line = lines.get(pointer(path.subList(0, n)));
            if (line != null) {
                return line;
            }
        }
        return 0;
    }

    private static String pointer(List<Object> path) {
        StringBuilder s = new StringBuilder();
        for (Object segment : path) {
            s.append('/').append(segment.toString().replace("~", "~0").replace("/", "~1"));
        }
        return s.toString();
    }
}
