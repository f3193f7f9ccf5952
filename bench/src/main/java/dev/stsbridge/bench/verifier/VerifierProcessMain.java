package dev.stsbridge.bench.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.stsbridge.verifier.VerifierApplication;
import dev.stsbridge.verifier.VerifierSettings;
import dev.stsbridge.verifier.iam.IamCaller;
import dev.stsbridge.verifier.iam.Roles;
import dev.stsbridge.verifier.iam.SamlProviders;

/**
 * The verifier under load, in its own JVM: {@code VerifierProcessMain <data-dir> <idp-metadata.xml>} starts it on
 * 127.0.0.1 and a free port with the system clock and the demo accounts, registers the metadata as SAML provider
 * {@code stsbridge} in account 111122223333 and a role {@code Admin} that trusts it (through the verifier's own IAM
 * operations, as {@code stsbridge demo} does), prints {@code READY <endpoint> <provider-arn> <role-arn>}, and runs
 * until its standard input closes (so it never outlives the benchmark that started it).
 */
public final class VerifierProcessMain {

    static final String ACCOUNT = "111122223333";
    static final String READY = "READY";

    private VerifierProcessMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: VerifierProcessMain <data-dir> <idp-metadata.xml>");
            System.exit(2);
        }
        String metadata = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        try (VerifierApplication verifier = VerifierApplication.start(VerifierSettings.defaults(Path.of(args[0]))
                .withPort(0).withClock(Clock.systemUTC()))) {
            String provider = verifier.samlProviders().create(IamCaller.root(ACCOUNT, "CreateSAMLProvider"),
                    new SamlProviders.NewProvider("stsbridge", metadata, List.of(), Optional.empty(), Optional.empty()))
                    .provider().arn();
            String role = verifier.roles().create(IamCaller.root(ACCOUNT, "CreateRole"), new Roles.NewRole("Admin",
                    Optional.empty(), trustPolicy(provider), Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of())).role().arn();
            System.out.println(READY + " " + verifier.endpoint() + " " + provider + " " + role);
            System.out.flush();
            drain(System.in);
        }
    }

    /** The trust policy of the IAM console's SAML wizard, plus session tags and SourceIdentity. */
    static String trustPolicy(String providerArn) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},\
                "Action":["sts:AssumeRoleWithSAML","sts:TagSession","sts:SetSourceIdentity"],\
                "Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}""".formatted(providerArn);
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // wait for EOF: the parent closed our input or died
        }
    }
}
