package dev.stsbridge.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import dev.stsbridge.metadata.IdpIdentity;
import picocli.CommandLine.Option;

/**
 * Who the IdP is and where its data lives: {@code --data-dir}, {@code --base-url}, {@code --entity-id}. The one
 * place these are read, so that a {@code --config FILE} (YAML, later) can supply the same values.
 */
public final class IdpOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory with the keys (default: ${DEFAULT-VALUE}, in the current directory).")
    Path dataDirectory;

    @Option(names = "--base-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The IdP's public base URL (default: ${DEFAULT-VALUE}).")
    URI baseUrl;

    @Option(names = "--entity-id", paramLabel = "ID",
            description = "The IdP's entity ID (default: <base URL>/saml2/metadata).")
    Optional<String> entityId = Optional.empty();

    public Path dataDirectory() {
        return dataDirectory;
    }

    public IdpIdentity identity() {
        IdpIdentity identity = IdpIdentity.at(baseUrl);
        return entityId.map(identity::withEntityId).orElse(identity);
    }
}
