package dev.stsbridge.tests.support;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.stsbridge.app.demo.Demo;
import dev.stsbridge.app.demo.DemoSettings;
import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.KeyRingService;
import dev.stsbridge.keys.KeyRingStore;
import dev.stsbridge.keys.KeySpec;
import dev.stsbridge.keys.SigningKeyGenerator;

/**
 * {@code stsbridge demo} in process, exactly as the command assembles it ({@link Demo#start(DemoSettings)}): the
 * verifier and the IdP on free ports of 127.0.0.1, the IdP registered with the verifier through its IAM API. The data
 * directory gets an RSA-2048 signing key first (the demo's own first run would generate RSA-3072). Both run on the
 * system clock: the browser and the AWS SDK live in real time.
 *
 * <pre>{@code
 * try (RunningDemo demo = RunningDemo.start(tempDir)) {
 *     driver.get(demo.loginUrl().toString());
 * }
 * RunningDemo.start(tempDir, StsbridgeConfig.parse(yamlWithLdap, "stsbridge.yaml", tempDir), Map.of("PW", secret));
 * }</pre>
 */
public final class RunningDemo implements AutoCloseable {

    private final Demo demo;

    private RunningDemo(Demo demo) {
        this.demo = demo;
    }

    /** The bundled demo configuration (embedded directory with alice, bob and carol). */
    public static RunningDemo start(Path dataDir) {
        return start(DemoSettings.defaults(dataDir));
    }

    /** Another IdP configuration (e.g. the demo's, pointed at a real LDAP server), with its environment. */
    public static RunningDemo start(Path dataDir, StsbridgeConfig config, Map<String, String> environment) {
        return start(DemoSettings.defaults(dataDir).withConfig(config).withEnvironment(environment));
    }

    private static RunningDemo start(DemoSettings settings) {
        KeyRingStore store = new KeyRingStore(settings.dataDir(), settings.environment());
        if (!store.exists()) {
            new KeyRingService(store, new SigningKeyGenerator(Clock.systemUTC())).generate(
                    new KeySpec(KeyAlgorithm.RSA_2048, "http://127.0.0.1/saml2/metadata", Duration.ofDays(30)), false);
        }
        return new RunningDemo(Demo.start(settings.withPorts(0, 0).withClock(Clock.systemUTC())));
    }

    public Demo demo() {
        return demo;
    }

    /** {@code http://127.0.0.1:<port>/login} */
    public URI loginUrl() {
        return demo.loginUrl();
    }

    /** The IdP's URL for {@code pathAndQuery} (e.g. {@code /sso/aws?account=prod&role=Admin}). */
    public URI idp(String pathAndQuery) {
        return URI.create(demo.idpUrl() + pathAndQuery);
    }

    /** {@code http://127.0.0.1:<port>}: the AWS model (IAM, STS, console sign-in). */
    public URI awsEndpoint() {
        return demo.awsEndpoint();
    }

    @Override
    public void close() {
        demo.close();
    }
}
