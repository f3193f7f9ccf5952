package dev.stsbridge.app;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.stsbridge.app.abac.AbacCheck;
import dev.stsbridge.app.abac.AbacFailure;
import dev.stsbridge.app.abac.AbacReport;
import dev.stsbridge.app.abac.AbacRequest;
import dev.stsbridge.app.abac.AbacResult;
import dev.stsbridge.app.abac.AccountKeys;
import dev.stsbridge.app.abac.ContextValue;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.verifier.auth.Accounts;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code stsbridge abac}: may this person's session do this action to this resource? The IdP's assertion for the
 * person (as {@code assertion} builds it) goes to AssumeRoleWithSAML at the AWS endpoint (the trust policy and the tag
 * rules), then IAM's policy simulator evaluates the role's policies with the session's tags ({@link AbacCheck}).
 */
@Command(name = "abac", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a person's access by tags: sign in through STS (AssumeRoleWithSAML), then ask IAM's "
                + "policy simulator (SimulatePrincipalPolicy) whether the role's policies allow the action on the "
                + "resource with the session's tags as aws:PrincipalTag/*.",
            "With --demo: the demo directory (no password) and the demo accounts' keys; with --config: a real "
                + "configuration, the password from STSBRIDGE_PASSWORD or the terminal, the keys from "
                + "--access-key-id/--secret-access-key or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.",
            "Exit codes: 0 allowed, 5 denied (implicitDeny or explicitDeny), 4 the IdP's pre-flight check refused, "
                + "1 other errors (STS refused, the endpoint unreachable, ...)."})
public final class AbacCommand implements Callable<Integer> {

    static final URI DEFAULT_ENDPOINT = URI.create("http://127.0.0.1:8090");

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DemoOrConfig source;

    @Option(names = "--user", paramLabel = "NAME", required = true, description = "The user's login name.")
    String user;

    @Option(names = "--account", paramLabel = "ACCOUNT", required = true,
            description = "The account (ID or configured name).")
    String account;

    @Option(names = "--role", paramLabel = "ROLE", required = true, description = "The role name in --account.")
    String role;

    @Option(names = "--action", paramLabel = "ACTION", required = true, description = "The action, e.g. s3:GetObject.")
    String action;

    @Option(names = "--resource", paramLabel = "ARN", defaultValue = "*",
            description = "The resource ARN (default: ${DEFAULT-VALUE}).")
    String resource;

    @Option(names = "--resource-tag", paramLabel = "KEY=VALUE",
            description = "A tag of the resource (aws:ResourceTag/KEY); repeat for more.")
    Map<String, String> resourceTags = new LinkedHashMap<>();

    @Option(names = "--context", paramLabel = "KEY=VALUE[:TYPE]", converter = ContextConverter.class,
            description = {"Another context key, e.g. aws:TagKeys=team:stringList (list values comma-separated); "
                + "string unless TYPE is given (string, stringList, numeric, boolean, date, ip, binary, or a List)."})
    List<ContextValue> context = List.of();

    @Option(names = "--aws-endpoint", paramLabel = "URL", defaultValue = "http://127.0.0.1:8090",
            description = "The AWS endpoint: the verifier (default: ${DEFAULT-VALUE}, where ./stsbridge demo runs it).")
    URI endpoint;

    @Option(names = "--access-key-id", paramLabel = "ID",
            description = "With --config: the access key for IAM (default: AWS_ACCESS_KEY_ID).")
    Optional<String> accessKeyId = Optional.empty();

    @Option(names = "--secret-access-key", paramLabel = "SECRET",
            description = "With --config: its secret (default: AWS_SECRET_ACCESS_KEY).")
    Optional<String> secretAccessKey = Optional.empty();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory with the keys (default: the configuration's data-dir; for --demo: data).")
    Optional<Path> dataDirectory = Optional.empty();

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The IdP's base URL (default: the configuration's), e.g. for a demo on another --idp-port.")
    Optional<URI> baseUrl = Optional.empty();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: the decision, matched statements, missing context values.")
    String format;

    /** {@code KEY=VALUE[:TYPE]}. */
    static final class ContextConverter implements ITypeConverter<ContextValue> {
        @Override
        public ContextValue convert(String value) {
            try {
                return ContextValue.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new CommandFailure(ExitCodes.ERROR, "--format is text or json, was '" + format + "'");
        }
        AbacRequest request = request();
        PersonSource people = new PersonSource(source, main.environment(), spec.commandLine().getErr());
        AccountKeys keys = keys();
        try (IdpApplication idp = people.start(people.configuration(baseUrl, dataDirectory));
             AbacCheck check = AbacCheck.at(endpoint, keys)) {
            SignedInUser person = people.signIn(idp, user);
            AbacResult result = check.check(idp, person, request);
            PrintWriter out = spec.commandLine().getOut();
            out.print(format.equals("json") ? AbacReport.json(result) : AbacReport.text(result));
            out.flush();
            return result.allowed() ? ExitCodes.OK : ExitCodes.DENIED;
        } catch (AbacFailure e) {
            int code = e.kind() == AbacFailure.Kind.IDP_REFUSED ? ExitCodes.AWS_RULE : ExitCodes.ERROR;
            throw new CommandFailure(code, e.getMessage(), e);
        }
    }

    private AbacRequest request() {
        try {
            return new AbacRequest(account, role, action, resource, resourceTags, context);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.ERROR, e.getMessage(), e);
        }
    }

    /** --demo: each demo account's own documented example keys; --config: the options, or the environment. */
    private AccountKeys keys() {
        if (source.demo()) {
            if (accessKeyId.isPresent() || secretAccessKey.isPresent()) {
                throw new CommandFailure(ExitCodes.ERROR, "--demo signs with the demo accounts' keys: drop "
                        + "--access-key-id/--secret-access-key");
            }
            return AccountKeys.of(Accounts.demo());
        }
        Map<String, String> variables = main.environment().variables();
        Optional<String> id = accessKeyId.or(() -> Optional.ofNullable(variables.get("AWS_ACCESS_KEY_ID")));
        Optional<String> secret = secretAccessKey.or(() -> Optional.ofNullable(
                variables.get("AWS_SECRET_ACCESS_KEY")));
        if (id.isEmpty() || secret.isEmpty()) {
            throw new CommandFailure(ExitCodes.ERROR, "--config needs the account's access keys for the simulator: "
                    + "pass --access-key-id and --secret-access-key, or set AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY");
        }
        return AccountKeys.fixed(id.get(), secret.get());
    }
}
