package dev.stsbridge.bench.verifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.stsbridge.verifier.policy.TrustPolicies;
import dev.stsbridge.verifier.saml.validation.SamlSettings;
import dev.stsbridge.verifier.sts.AssumeRoleWithSaml;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlRequest;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlResult;
import dev.stsbridge.verifier.testing.TestIam;
import dev.stsbridge.verifier.testing.TestKeys;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSts;

/**
 * AssumeRoleWithSAML verifications per second in process (the full pipeline on a response signed with RSA-2048,
 * credentials issued into an in-memory issuer), and, as the reference measured in the same run, raw RSA-2048
 * {@code Signature.verify} with the same key. Two threads (the machine has 2 cores); heap fixed at 1 GB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 10)
@Measurement(iterations = 5, time = 5)
@Threads(2)
public class AssumeRoleWithSamlBenchmark {
    private AssumeRoleWithSaml sts;
    private AssumeRoleWithSamlRequest request;
    private byte[] signedBytes;
    private byte[] rsaSignature;

    @Setup
    public void setUp() throws GeneralSecurityException {
        sts = new AssumeRoleWithSaml(TestIam.standard(), new TrustPolicies(), new BoundedCredentialIssuer(),
                Clock.fixed(TestSts.NOW, ZoneOffset.UTC), SamlSettings.defaults());
        String saml = TestResponse.alice().tag("department", "engineering").tag("team", "platform")
                .attribute(TestResponse.ATTR + "SourceIdentity", "alice").base64();
        request = TestSts.request(saml);
        sts.handle(request);
        signedBytes = "a SignedInfo-sized message ".repeat(24).getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(TestKeys.idp().privateKey());
        signer.update(signedBytes);
        rsaSignature = signer.sign();
    }

    @Benchmark
    public AssumeRoleWithSamlResult assumeRoleWithSaml() {
        return sts.handle(request);
    }

    @Benchmark
    public boolean rsa2048Verify() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(TestKeys.idp().certificate().getPublicKey());
        verifier.update(signedBytes);
        return verifier.verify(rsaSignature);
    }
}
