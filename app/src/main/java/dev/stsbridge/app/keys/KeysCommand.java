package dev.stsbridge.app.keys;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import dev.stsbridge.app.DataDirOption;
import dev.stsbridge.app.IdpOptions;
import dev.stsbridge.app.Main;
import dev.stsbridge.keys.Certificates;
import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.KeyRing;
import dev.stsbridge.keys.KeyRingService;
import dev.stsbridge.keys.KeyRingStore;
import dev.stsbridge.keys.KeySpec;
import dev.stsbridge.keys.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stsbridge keys generate|rotate|promote|list [--ring saml|oidc]}: the IdP's signing keys, the SAML ring
 * ({@code keys/idp-signing.p12}) or the OpenID Connect ring ({@code keys/oidc-signing.p12}, RSA for RS256).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Manage the IdP's signing keys (a PKCS#12 key store in the data directory).",
            "Rotation: keys rotate -> upload the metadata with both certificates -> keys promote -> upload again.",
            "--ring oidc: the OpenID Connect ring; rotate publishes the next key in the JWKS, promote makes it sign "
                + "ID tokens (restart the IdP after each)."},
        subcommands = {KeysCommand.Generate.class, KeysCommand.Rotate.class, KeysCommand.Promote.class, KeysCommand.List.class})
public final class KeysCommand implements Runnable {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    KeyRingService service(java.nio.file.Path dataDirectory, Ring ring) {
        return main.environment().keyRingService(dataDirectory, ring.storeFile());
    }

    KeyRingStore store(java.nio.file.Path dataDirectory, Ring ring) {
        return main.environment().keyRingStore(dataDirectory, ring.storeFile());
    }

    /** Which key ring: the SAML signing keys (default) or the OpenID Connect ID-token keys. */
    enum Ring {
        SAML(KeyRingStore.STORE_FILE, KeyAlgorithm.DEFAULT),
        OIDC(KeyRingStore.OIDC_STORE_FILE, KeyAlgorithm.RSA_2048);

        private final String storeFile;
        private final KeyAlgorithm defaultAlgorithm;

        Ring(String storeFile, KeyAlgorithm defaultAlgorithm) {
            this.storeFile = storeFile;
            this.defaultAlgorithm = defaultAlgorithm;
        }

        String storeFile() {
            return storeFile;
        }

        KeyAlgorithm defaultAlgorithm() {
            return defaultAlgorithm;
        }

        /** ID tokens are RS256: the OpenID Connect ring holds RSA keys only. */
        KeySpec check(KeySpec spec) {
            if (this == OIDC && !spec.algorithm().jcaName().equals("RSA")) {
                throw new IllegalArgumentException("the oidc ring signs RS256 ID tokens and needs an RSA key, not "
                        + display(spec.algorithm()));
            }
            return spec;
        }
    }

    /** {@code --ring saml|oidc}. */
    static final class RingOption {
        @Option(names = "--ring", paramLabel = "RING", defaultValue = "saml", converter = RingConverter.class,
                description = "Key ring: saml (the SAML signing keys, default) or oidc (the OpenID Connect ID-token "
                        + "keys, keys/oidc-signing.p12).")
        Ring ring;
    }

    static final class RingConverter implements picocli.CommandLine.ITypeConverter<Ring> {
        @Override
        public Ring convert(String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "saml" -> Ring.SAML;
                case "oidc" -> Ring.OIDC;
                default -> throw new picocli.CommandLine.TypeConversionException("expected saml or oidc, was '"
                        + value + "'");
            };
        }
    }

    /** "signing-20261125T120000Z (RSA-3072, valid until 2036-11-25, SHA-256 AB:CD:...)" */
    static String describe(SigningKey key) {
        return key.id() + " (" + display(key.algorithm()) + ", valid until "
                + DAY.format(key.certificate().getNotAfter().toInstant()) + ", SHA-256 "
                + Certificates.sha256Fingerprint(key.certificate()) + ")";
    }

    static String display(KeyAlgorithm algorithm) {
        return algorithm.name().replace('_', '-');
    }

    /** Options for making a key: type and validity. */
    static final class KeyOptions {
        @Option(names = "--algorithm", paramLabel = "ALG", converter = AlgorithmConverter.class,
                description = "Key type: rsa-2048, rsa-3072, rsa-4096 or ec-p256 (default: rsa-3072).")
        Optional<KeyAlgorithm> algorithm = Optional.empty();

        @Option(names = "--validity-days", paramLabel = "N", defaultValue = "3652",
                description = "Certificate validity in days (default: ${DEFAULT-VALUE}, about 10 years).")
        int validityDays;

        KeySpec spec(String entityId, KeyAlgorithm fallback) {
            if (validityDays < 1) {
                throw new IllegalArgumentException("--validity-days must be at least 1, was " + validityDays);
            }
            return new KeySpec(algorithm.orElse(fallback), entityId, Duration.ofDays(validityDays));
        }
    }

    /** Parses {@code --algorithm} with {@link KeyAlgorithm#parse}. */
    static final class AlgorithmConverter implements picocli.CommandLine.ITypeConverter<KeyAlgorithm> {
        @Override
        public KeyAlgorithm convert(String value) {
            return KeyAlgorithm.parse(value);
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generate the IdP's first signing key and key store (refuses to replace one without --force).")
    static final class Generate implements Runnable {
        @ParentCommand KeysCommand keys;
        @Spec CommandSpec spec;
        @Mixin IdpOptions idp;
        @Mixin KeyOptions keyOptions;
        @Mixin RingOption ringOption;

        @Option(names = "--force", description = "Replace an existing key store (its keys are lost).")
        boolean force;

        @Override
        public void run() {
            Ring which = ringOption.ring;
            KeySpec keySpec = which.check(keyOptions.spec(idp.identity().entityId(), which.defaultAlgorithm()));
            KeyRingStore store = keys.store(idp.dataDirectory(), which);
            KeyRing ring = keys.service(idp.dataDirectory(), which).generate(keySpec, force);
            PrintWriter out = spec.commandLine().getOut();
            out.println("generated signing key " + describe(ring.current()));
            out.println("key store " + store.storeFile() + ", password from " + store.passwordSource());
            out.flush();
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Add a next signing key. It is published in the metadata but does not sign yet.",
                "Then upload the metadata with both certificates to AWS, and run `keys promote`."})
    static final class Rotate implements Runnable {
        @ParentCommand KeysCommand keys;
        @Spec CommandSpec spec;
        @Mixin IdpOptions idp;
        @Mixin KeyOptions keyOptions;
        @Mixin RingOption ringOption;

        @Override
        public void run() {
            KeyRingService service = keys.service(idp.dataDirectory(), ringOption.ring);
            KeyAlgorithm currentAlgorithm = service.list().current().algorithm();
            KeyRing ring = service.rotate(ringOption.ring.check(keyOptions.spec(idp.identity().entityId(),
                    currentAlgorithm)));
            PrintWriter out = spec.commandLine().getOut();
            out.println("added next key " + describe(ring.next().orElseThrow()));
            if (ringOption.ring == Ring.OIDC) {
                out.println("restart the IdP: the JWKS then publishes it; once relying parties have fetched it, run: "
                        + "stsbridge keys promote --ring oidc");
            } else {
                out.println("now upload the metadata with both certificates (stsbridge metadata export --sign --out "
                        + "md.xml), then run: stsbridge keys promote");
            }
            out.flush();
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Make the next key current (it signs from now on) and retire the old current key.")
    static final class Promote implements Runnable {
        @ParentCommand KeysCommand keys;
        @Spec CommandSpec spec;
        @Mixin DataDirOption data;
        @Mixin RingOption ringOption;

        @Override
        public void run() {
            KeyRing ring = keys.service(data.dataDirectory(), ringOption.ring).promote();
            PrintWriter out = spec.commandLine().getOut();
            out.println("current key is now " + describe(ring.current()));
            out.println("retired " + ring.retired().get(ring.retired().size() - 1).id() + (ringOption.ring == Ring.OIDC
                    ? "; restart the IdP: ID tokens are then signed with the new key"
                    : "; upload the metadata again (stsbridge metadata export --sign --out md.xml)"));
            out.flush();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the keys: id, algorithm, role, subject, not-after, SHA-256 fingerprint.")
    static final class List implements Runnable {
        private static final String ROW = "%-8s %-28s %-9s %-10s %-32s %s%n";

        @ParentCommand KeysCommand keys;
        @Spec CommandSpec spec;
        @Mixin DataDirOption data;
        @Mixin RingOption ringOption;

        @Override
        public void run() {
            KeyRing ring = keys.service(data.dataDirectory(), ringOption.ring).list();
            PrintWriter out = spec.commandLine().getOut();
            out.printf(ROW, "ROLE", "ID", "ALGORITHM", "NOT-AFTER", "SUBJECT", "SHA-256");
            row(out, "current", ring.current());
            ring.next().ifPresent(next -> row(out, "next", next));
            ring.retired().forEach(retired -> row(out, "retired", retired));
            out.flush();
        }

        private static void row(PrintWriter out, String role, SigningKey key) {
            out.printf(ROW, role, key.id(), display(key.algorithm()),
                    DAY.format(key.certificate().getNotAfter().toInstant()),
                    key.certificate().getSubjectX500Principal().getName(),
                    Certificates.sha256Fingerprint(key.certificate()));
        }
    }
}
