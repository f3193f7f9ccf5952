package dev.stsbridge.verifier.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.SamlHalf;
import dev.stsbridge.verifier.VerifierCore;
import dev.stsbridge.verifier.VerifierServer.Mount;
import dev.stsbridge.verifier.iam.TrustPolicyValidator;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlOperation;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlRequest;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlResult;
import dev.stsbridge.verifier.sts.SessionGrant;

/**
 * Stand-ins for the SAML half in platform tests: a trust-policy validator that accepts any JSON object, an
 * AssumeRoleWithSAML operation that grants the requested role a fixed session (it records the request it got), and
 * one page mounted at {@code /console}.
 */
public final class TestSamlHalf implements SamlHalf {

    public static final String ROLE_ID = "AROAEXAMPLE0000000001";

    public final AtomicReference<AssumeRoleWithSamlRequest> lastRequest = new AtomicReference<>();

    @Override
    public TrustPolicyValidator trustPolicyValidator() {
        return document -> {
            try {
                JsonNode node = new ObjectMapper().readTree(document);
                if (node != null && node.isObject()) {
                    return;
                }
            } catch (Exception e) {
                // refused below
            }
            throw AwsError.sender("MalformedPolicyDocument", "This policy contains invalid Json", 400).exception();
        };
    }

    @Override
    public AssumeRoleWithSamlOperation assumeRoleWithSaml(VerifierCore core) {
        return request -> {
            lastRequest.set(request);
            String account = request.roleArn().split(":")[4];
            String roleName = request.roleArn().substring(request.roleArn().lastIndexOf('/') + 1);
            SessionGrant grant = new SessionGrant(account, request.roleArn(),
                    "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/alice@example.com",
                    ROLE_ID + ":alice@example.com",
                    core.settings().clock().instant().plus(Duration.ofSeconds(request.durationSeconds().orElse(3600))),
                    Map.of("team", "platform"), List.of(), Optional.of("alice"));
            return new AssumeRoleWithSamlResult(core.credentials().issue(grant), grant, 6, "alice@example.com",
                    "persistent", "https://idp.example.com/saml", "https://signin.aws.amazon.com/saml",
                    "1uAJanUnBc2XeUkHURMht+xam2c=", Optional.of("alice"));
        };
    }

    @Override
    public List<Mount> consolePages(VerifierCore core, AssumeRoleWithSamlOperation assumeRoleWithSaml) {
        return List.of(new Mount("/console", new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put("Content-Type", "text/plain");
                response.write(true, java.nio.ByteBuffer.wrap("console page".getBytes(StandardCharsets.UTF_8)),
                        callback);
                return true;
            }
        }));
    }

    /** Asserts nothing; keeps the record of requests readable. */
    public Optional<AssumeRoleWithSamlRequest> last() {
        return Optional.ofNullable(lastRequest.get());
    }
}
