package dev.stsbridge.idp.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads {@code stsbridge.yaml} with Jackson into the configuration records and turns every failure into a {@link ConfigException}. */
final class ConfigLoader {

    static final int MAX_BYTES = 1 << 20;
    private static final Pattern KEY_SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private ConfigLoader() {
    }

    static StsbridgeConfig load(Path file) {
        String source = String.valueOf(file.getFileName());
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(source, 0, "", "is larger than 1 MiB");
            }
            return parse(utf8(Files.readAllBytes(file), source), source, file.toAbsolutePath().getParent());
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), 0, "", "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "", "cannot read: " + e.getMessage());
        }
    }

    static StsbridgeConfig loadResource(String resource) {
        String source = resource.substring(resource.lastIndexOf('/') + 1);
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException(resource, 0, "", "no such bundled resource");
            }
            return parse(utf8(in.readNBytes(MAX_BYTES), source), source, Path.of("").toAbsolutePath());
        } catch (IOException e) {
            throw new ConfigException(resource, 0, "", "cannot read: " + e.getMessage());
        }
    }

    static StsbridgeConfig parse(String yaml, String source, Path baseDirectory) {
        YAMLFactory factory = factory();
        YamlLocations locations;
        try {
            locations = YamlLocations.index(factory, yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "",
                    "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(source, 0, "", "not valid YAML: " + e.getMessage());
        }
        ObjectMapper mapper = mapper(factory, baseDirectory);
        try {
            checkKeys(mapper, mapper.readTree(yaml), source, locations);
            return mapper.readValue(yaml, StsbridgeConfig.class);
        } catch (JsonMappingException e) {
            throw ConfigErrors.translate(e, source, locations);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "",
                    firstLine(e.getOriginalMessage()));
        }
    }

    private static void checkKeys(ObjectMapper mapper, JsonNode tree, String source, YamlLocations locations) {
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(source, 0, "", "is empty");
        }
        if (!tree.isObject()) {
            throw new ConfigException(source, 1, "", "must be a mapping of keys to values");
        }
        new KnownKeys(mapper).firstUnknown(tree, mapper.constructType(StsbridgeConfig.class)).ifPresent(unknown -> {
            throw new ConfigException(source, locations.line(unknown.path()), ConfigErrors.key(unknown.path()),
                    "unknown key (known keys here: " + unknown.knownKeys() + ")");
        });
    }

    private static YAMLFactory factory() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(MAX_BYTES);
        return YAMLFactory.builder().loaderOptions(options).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    private static ObjectMapper mapper(YAMLFactory factory, Path baseDirectory) {
        SimpleModule module = new SimpleModule("stsbridge-config");
        module.addDeserializer(Duration.class, new DurationDeserializer());
        module.addDeserializer(Path.class, new PathDeserializer(baseDirectory));
        module.addDeserializer(ResourceRef.class, new ResourceDeserializer(baseDirectory));
        return YAMLMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .addModule(new Jdk8Module())
                .addModule(module)
                .build();
    }

    private static String utf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, 0, "", "is not UTF-8 text");
        }
    }

    static String firstLine(String message) {
        String m = String.valueOf(message);
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }

    /** {@code 3600}, {@code 90s}, {@code 15m}, {@code 12h} or {@code PT1H}. */
    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (!p.currentToken().isScalarValue()) {
                throw new InvalidConfigValueException("", "must be a duration such as 900, 90s, 15m, 12h or PT1H");
            }
            return Durations.parse(p.getText());
        }
    }

    /** Paths relative to the configuration file's directory. */
    private static final class PathDeserializer extends JsonDeserializer<Path> {
        private final Path base;

        PathDeserializer(Path base) {
            this.base = base;
        }

        @Override
        public Path deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String text = p.getValueAsString();
            if (text == null || text.isBlank()) {
                throw new InvalidConfigValueException("", "must be a file path");
            }
            return base.resolve(text.strip()).normalize();
        }
    }

    /** {@code classpath:NAME} or a path. */
    private static final class ResourceDeserializer extends JsonDeserializer<ResourceRef> {
        private final Path base;

        ResourceDeserializer(Path base) {
            this.base = base;
        }

        @Override
        public ResourceRef deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String text = p.getValueAsString();
            if (text == null || text.isBlank()) {
                throw new InvalidConfigValueException("", "must be a file path or classpath:RESOURCE");
            }
            return ResourceRef.parse(text.strip(), base);
        }
    }

    /** {@code roles[2].account} as path segments {@code roles, 2, account}. */
    static List<Object> segments(String key) {
        List<Object> segments = new ArrayList<>();
        Matcher m = KEY_SEGMENT.matcher(key);
        while (m.find()) {
            segments.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
        }
        return segments;
    }
}
