package dev.stsbridge.verifier.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * One JSON document persisted with {@link AtomicFile} (Jackson data binding to records).
 *
 * @param <T> the document type
 */
public final class JsonStateFile<T> {

    private final Path path;
    private final Class<T> type;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public JsonStateFile(Path path, Class<T> type) {
        this.path = path;
        this.type = type;
    }

    public Path path() {
        return path;
    }

    /**
     * Reads the document; empty when the file does not exist yet. Temporary files of an interrupted save are
     * removed first.
     *
     * @throws UncheckedIOException naming the file when it cannot be read or parsed
     */
    public Optional<T> load() {
        try {
            AtomicFile.removeLeftovers(path);
            if (!Files.exists(path)) {
                return Optional.empty();
            }
            return Optional.of(mapper.readValue(path.toFile(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the file atomically with the document. */
    public void save(T document) throws IOException {
        AtomicFile.write(path, out -> mapper.writeValue(out, document));
    }
}
