package dev.stsbridge.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.metadata.IdpIdentity;
import picocli.CommandLine.Option;

/**
 * Who the IdP is and where its data lives: {@code --config FILE} (a {@code stsbridge.yaml}), or
 * {@code --data-dir}, {@code --base-url}, {@code --entity-id}. An explicit option wins over the file, the file
 * over the defaults (the demo's: {@code http://127.0.0.1:8080}, entity ID {@code <base URL>/saml2/metadata},
 * {@code ./data}), so that {@code metadata export --config F} writes what {@code serve --config F} serves.
 */
public final class IdpOptions {

    static final Path DEFAULT_DATA_DIR = Path.of("data");

    @Option(names = "--config", paramLabel = "FILE",
            description = "The IdP's configuration (stsbridge.yaml): entity ID, base URL and data directory.")
    Optional<Path> config = Optional.empty();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory with the keys (default: the configuration's data-dir, or ./data).")
    Optional<Path> dataDirectory = Optional.empty();

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The IdP's public base URL (default: the configuration's base-url, or "
                    + "http://127.0.0.1:8080).")
    Optional<URI> baseUrl = Optional.empty();

    @Option(names = "--entity-id", paramLabel = "ID",
            description = "The IdP's entity ID (default: the configuration's entity-id, or <base URL>/saml2/metadata).")
    Optional<String> entityId = Optional.empty();

    private Optional<StsbridgeConfig> loaded;

    public Path dataDirectory() {
        return dataDirectory.or(() -> file().map(StsbridgeConfig::dataDir)).orElse(DEFAULT_DATA_DIR);
    }

    public IdpIdentity identity() {
        Optional<StsbridgeConfig> file = file().map(c -> baseUrl.map(c::withBaseUrl).orElse(c));
        IdpIdentity identity = IdpIdentity.at(file.map(StsbridgeConfig::baseUrl)
                .orElse(baseUrl.orElse(IdpIdentity.DEMO_BASE_URL)));
        return entityId.or(() -> file.map(StsbridgeConfig::entityId)).map(identity::withEntityId).orElse(identity);
    }

    /** The configuration file, read once; errors name the file, the line and the key. */
    private Optional<StsbridgeConfig> file() {
        if (loaded == null) {
            loaded = config.map(StsbridgeConfig::load);
        }
        return loaded;
    }
}
