package dev.stsbridge.bench.idp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

import dev.stsbridge.idp.assertion.AssertionFactory;
import dev.stsbridge.idp.assertion.AssertionRequest;
import dev.stsbridge.idp.assertion.AwsSignInUrl;
import dev.stsbridge.idp.assertion.OpenSamlResponseSigner;
import dev.stsbridge.idp.assertion.ResponseSigner;
import dev.stsbridge.idp.assertion.SigningMode;
import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.AwsRolePair;
import dev.stsbridge.idp.claims.NameId;
import dev.stsbridge.idp.claims.SessionTag;
import dev.stsbridge.idp.crypto.CryptoProviders;
import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.keys.SigningKeyGenerator;

/**
 * One thread, throughput. {@code signedResponse*}: everything the IdP does per sign-in after the claims are known
 * (build the response for the demo user alice with two roles and two tags, sign the assertion, serialise, base64).
 * {@code rawSignature*}: one {@code SHA256withRSA} signature of a SignedInfo-sized input with the same key and the
 * same provider as the signer. {@code openSamlReference*}: the same response through the OpenSAML/Santuario
 * reference path, for comparison. The long warm-up is needed: on this 2-core machine the C2 compiler shares the
 * cores with the benchmark, and the response path reaches its steady rate only after some 20 s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 12, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class IdpSigningBenchmark {

    private static final String IDP = "https://idp.example.com/saml2/metadata";
    private static final String RSA = "SHA256withRSA";

    private final AssertionFactory factory = new AssertionFactory(Clock.systemUTC());
    private AwsClaims claims;
    private NameId nameId;
    private AssertionRequest request;
    private ResponseSigner signer2048;
    private ResponseSigner signer3072;
    private OpenSamlResponseSigner reference2048;
    private Provider provider;
    private PrivateKey rawKey2048;
    private byte[] signedInfo;

    @Setup
    public void setUp() {
        SigningKeyGenerator generator = new SigningKeyGenerator(Clock.systemUTC());
        SigningKey rsa2048 = generator.generate(KeyAlgorithm.RSA_2048, IDP, Duration.ofDays(30));
        SigningKey rsa3072 = generator.generate(KeyAlgorithm.RSA_3072, IDP, Duration.ofDays(30));
        signer2048 = new ResponseSigner(rsa2048, SigningMode.ASSERTION);
        signer3072 = new ResponseSigner(rsa3072, SigningMode.ASSERTION);
        reference2048 = new OpenSamlResponseSigner(rsa2048, SigningMode.ASSERTION);
        provider = CryptoProviders.signatureProvider(RSA);
        rawKey2048 = CryptoProviders.prepare(rsa2048.privateKey(), RSA);
        signedInfo = "<ds:SignedInfo>".repeat(60).getBytes(StandardCharsets.UTF_8);
        claims = new AwsClaims("alice", List.of(
                new AwsRolePair("arn:aws:iam::111122223333:role/Admin",
                        "arn:aws:iam::111122223333:saml-provider/stsbridge", "prod"),
                new AwsRolePair("arn:aws:iam::444455556666:role/Developer",
                        "arn:aws:iam::444455556666:saml-provider/stsbridge", "dev")),
                "alice@example.com", Optional.of(3600), Optional.of("alice"),
                List.of(new SessionTag("department", "engineering"), new SessionTag("team", "platform")),
                List.of("department"));
        nameId = new NameId("9f1c2a7b4e0d4c3a8b6e5f7a1c2d3e4f", NameId.PERSISTENT);
        Instant now = Instant.now();
        request = AssertionRequest.builder(IDP, AwsSignInUrl.GLOBAL).authnInstant(now)
                .authnContextClassRef(AssertionRequest.PASSWORD_PROTECTED_TRANSPORT).sessionIndex("_session")
                .sessionNotOnOrAfter(now.plus(Duration.ofDays(1))).build();
    }

    @Benchmark
    public String signedResponseRsa2048() {
        return signer2048.sign(factory.build(claims, nameId, request)).base64();
    }

    @Benchmark
    public String signedResponseRsa3072() {
        return signer3072.sign(factory.build(claims, nameId, request)).base64();
    }

    @Benchmark
    @Warmup(iterations = 5, time = 2)
    public byte[] rawSignatureRsa2048() throws GeneralSecurityException {
        Signature signature = Signature.getInstance(RSA, provider);
        signature.initSign(rawKey2048);
        signature.update(signedInfo);
        return signature.sign();
    }

    @Benchmark
    @Warmup(iterations = 6, time = 2)
    @Measurement(iterations = 3, time = 2)
    public String openSamlReferenceRsa2048() {
        return reference2048.sign(factory.build(claims, nameId, request)).base64();
    }
}
