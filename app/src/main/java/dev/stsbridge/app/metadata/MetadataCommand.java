package dev.stsbridge.app.metadata;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Document;

import dev.stsbridge.app.CommandFailure;
import dev.stsbridge.app.DataDirOption;
import dev.stsbridge.app.Environment;
import dev.stsbridge.app.ExitCodes;
import dev.stsbridge.app.IdpOptions;
import dev.stsbridge.app.Main;
import dev.stsbridge.keys.Certificates;
import dev.stsbridge.keys.KeyRing;
import dev.stsbridge.keys.KeyRingService;
import dev.stsbridge.keys.KeyRingStore;
import dev.stsbridge.keys.KeySpec;
import dev.stsbridge.keys.SecureFiles;
import dev.stsbridge.metadata.AwsUploadFinding;
import dev.stsbridge.metadata.AwsUploadReport;
import dev.stsbridge.metadata.AwsUploadRules;
import dev.stsbridge.metadata.IdpIdentity;
import dev.stsbridge.metadata.IdpMetadataBuilder;
import dev.stsbridge.metadata.MetadataException;
import dev.stsbridge.metadata.MetadataSchemaValidator;
import dev.stsbridge.metadata.MetadataSigner;
import dev.stsbridge.metadata.MetadataVerifier;
import dev.stsbridge.xml.SecureXml;
import dev.stsbridge.xml.XmlParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stsbridge metadata export|sign|verify}: the IdP metadata document that is uploaded to IAM. */
@Command(name = "metadata", mixinStandardHelpOptions = true,
        description = {"Export, sign and verify the IdP's SAML metadata (the document you upload to IAM).",
            "Exit codes: 0 ok, 2 not well-formed or schema-invalid, 3 signature missing or invalid,",
            "4 AWS upload rule broken, 1 any other error."},
        subcommands = {MetadataCommand.Export.class, MetadataCommand.Sign.class, MetadataCommand.Verify.class})
public final class MetadataCommand implements Runnable {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Environment environment() {
        return main.environment();
    }

    KeyRingService keyRing(Path dataDirectory) {
        return environment().keyRingService(dataDirectory);
    }

    /** Writes the document to {@code --out} (atomically, mode 0644) or, exactly as bytes, to standard output. */
    void write(byte[] document, Optional<Path> out) {
        if (out.isEmpty()) {
            try {
                environment().stdout().write(document);
                environment().stdout().flush();
            } catch (IOException e) {
                throw new CommandFailure(ExitCodes.ERROR, "cannot write to standard output: " + e.getMessage(), e);
            }
            return;
        }
        writeFile(out.get(), document);
    }

    static void writeFile(Path file, byte[] content) {
        try {
            SecureFiles.writeAtomically(file, content, SecureFiles.PUBLIC_FILE);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.ERROR, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(ExitCodes.ERROR, "cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void warn(PrintWriter err, List<AwsUploadFinding> warnings) {
        warnings.forEach(w -> err.println("stsbridge: warning: " + w.message()));
        err.flush();
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the IdP's metadata: entity ID, endpoints and the current (and next) signing certificate.",
                "Generates the keys on first use. With --sign, the exact document the IdP serves at /saml2/metadata."})
    static final class Export implements Runnable {
        @ParentCommand MetadataCommand metadata;
        @Spec CommandSpec spec;
        @Mixin IdpOptions idp;

        @Option(names = "--sign", description = "Sign the document with the current key (enveloped RSA-SHA256 signature).")
        boolean sign;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Optional<Path> out = Optional.empty();

        @Option(names = "--cert-out", paramLabel = "FILE",
                description = "Also write the current signing certificate as PEM (e.g. for xmlsec1 --pubkey-cert-pem).")
        Optional<Path> certificateOut = Optional.empty();

        @Option(names = "--valid-days", paramLabel = "N",
                description = "Add validUntil = now + N days (AWS shows it as the provider's expiry). Default: none.")
        Optional<Integer> validDays = Optional.empty();

        @Override
        public void run() {
            IdpIdentity identity = withValidity(idp.identity());
            KeyRing ring = keys(identity);
            Document document = new IdpMetadataBuilder().build(identity, ring);
            byte[] bytes = sign ? new MetadataSigner().signToBytes(document, ring.current()) : SecureXml.toBytes(document);
            AwsUploadReport report = new AwsUploadRules(metadata.environment().clock()).check(bytes);
            if (!report.acceptable()) {
                throw new CommandFailure(ExitCodes.AWS_RULE, "AWS would refuse this metadata: "
                        + report.violations().get(0).message());
            }
            metadata.write(bytes, out);
            certificateOut.ifPresent(file -> writeFile(file,
                    Certificates.toPem(ring.current().certificate()).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            warn(spec.commandLine().getErr(), report.warnings());
        }

        private IdpIdentity withValidity(IdpIdentity identity) {
            if (validDays.isEmpty()) {
                return identity;
            }
            if (validDays.get() < 1) {
                throw new IllegalArgumentException("--valid-days must be at least 1, was " + validDays.get());
            }
            Instant now = metadata.environment().clock().instant();
            return identity.withValidUntil(now.plus(Duration.ofDays(validDays.get())));
        }

        private KeyRing keys(IdpIdentity identity) {
            KeyRingService.Opened opened = metadata.keyRing(idp.dataDirectory()).loadOrGenerate(KeySpec.defaults(identity.entityId()));
            if (opened.generated()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("stsbridge: no keys yet: generated signing key " + opened.ring().current().id() + " ("
                        + opened.ring().current().algorithm().name().replace('_', '-') + ") in "
                        + idp.dataDirectory().resolve(KeyRingStore.KEYS_DIRECTORY).resolve(KeyRingStore.STORE_FILE));
                err.flush();
            }
            return opened.ring();
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Sign a metadata document with the IdP's current key (enveloped signature on the document element).")
    static final class Sign implements Runnable {
        @ParentCommand MetadataCommand metadata;
        @Spec CommandSpec spec;
        @Mixin DataDirOption data;

        @Option(names = "--in", paramLabel = "FILE", required = true, description = "The unsigned metadata document.")
        Path in;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the signed document to FILE (default: standard output).")
        Optional<Path> out = Optional.empty();

        @Override
        public void run() {
            byte[] unsigned = read(in);
            Document document = parse(unsigned);
            new MetadataSchemaValidator().validate(unsigned);
            KeyRing ring = metadata.keyRing(data.dataDirectory()).list();
            metadata.write(new MetadataSigner().signToBytes(document, ring.current()), out);
        }

        private static Document parse(byte[] document) {
            try {
                return SecureXml.parse(document);
            } catch (XmlParseException e) {
                throw new MetadataException(MetadataException.Kind.NOT_WELL_FORMED, e.getMessage(), e);
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify a signed metadata document (what xmlsectool --verifySignature does) and AWS's upload rules.",
                "Trusts only --cert, or else the IdP's own published certificates; never the document's KeyInfo.",
                "Exit codes: 0 valid, 2 not well-formed or schema-invalid, 3 signature missing or invalid,",
                "4 AWS upload rule broken, 1 any other error."})
    static final class Verify implements Runnable {
        @ParentCommand MetadataCommand metadata;
        @Spec CommandSpec spec;
        @Mixin DataDirOption data;

        @Option(names = "--in", paramLabel = "FILE", required = true, description = "The signed metadata document.")
        Path in;

        @Option(names = "--cert", paramLabel = "PEM",
                description = "Trust the certificate(s) in this PEM file (default: the IdP's current and next certificates).")
        Optional<Path> certificate = Optional.empty();

        @Override
        public void run() {
            byte[] document = read(in);
            List<java.security.cert.X509Certificate> trusted = trusted();
            MetadataVerifier.VerifiedMetadata verified = new MetadataVerifier(metadata.environment().clock()).verify(document, trusted);
            PrintWriter out = spec.commandLine().getOut();
            out.println("valid: " + in + " (entity ID " + verified.entityId() + ") is signed by "
                    + verified.signer().getSubjectX500Principal().getName() + ", SHA-256 "
                    + Certificates.sha256Fingerprint(verified.signer()) + "; AWS upload rules pass");
            out.flush();
            warn(spec.commandLine().getErr(), verified.warnings());
        }

        private List<java.security.cert.X509Certificate> trusted() {
            if (certificate.isPresent()) {
                try {
                    return Certificates.fromPem(read(certificate.get()));
                } catch (IllegalArgumentException e) {
                    throw new CommandFailure(ExitCodes.ERROR, certificate.get() + ": " + e.getMessage(), e);
                }
            }
            KeyRingStore store = metadata.environment().keyRingStore(data.dataDirectory());
            if (!store.exists()) {
                throw new CommandFailure(ExitCodes.ERROR, "no key store at " + store.storeFile()
                        + " to take trusted certificates from: pass --cert C.pem, or run `stsbridge keys generate`");
            }
            return store.load().published().stream().map(k -> k.certificate()).toList();
        }
    }
}
