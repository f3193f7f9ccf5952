package dev.stsbridge.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.rules.AwsRuleViolation;
import dev.stsbridge.idp.rules.Explanation;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.sso.SsoOutcome;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code stsbridge assertion}: the signed SAML response the IdP would send for a person (for scripts, the AWS CLI's
 * {@code assume-role-with-saml} and ABAC testing), or with {@code --explain} their claims, tags and the pre-flight
 * verdict. Built by the same {@link IdpApplication} as the web server, so the two cannot differ.
 */
@Command(name = "assertion", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the signed SAML response the IdP would send for a user, or (--explain) their claims.",
            "With --demo: the bundled demo configuration and directory; the user is looked up without a password.",
            "With --config: a real configuration; the password comes from STSBRIDGE_PASSWORD or the terminal.",
            "Exit codes: 0 ok, 4 the pre-flight check refused (AWS would refuse; one line per violation), 1 other."})
public final class AssertionCommand implements Callable<Integer> {

    /** The environment variable that carries the user's password for {@code --config}. */
    public static final String PASSWORD_VARIABLE = PersonSource.PASSWORD_VARIABLE;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DemoOrConfig source;

    @Option(names = "--user", paramLabel = "NAME", required = true, description = "The user's login name.")
    String user;

    @Option(names = "--account", paramLabel = "ACCOUNT",
            description = "Only this account's role (ID or configured name; needs --role). Default: every role.")
    Optional<String> account = Optional.empty();

    @Option(names = "--role", paramLabel = "ROLE", description = "The role name in --account (needs --account).")
    Optional<String> role = Optional.empty();

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = {"base64 (default): the SAMLResponse form value, one line;",
                "xml: the exact signed document (never reformatted: reformatting breaks the signature);",
                "form: the url-encoded POST body (SAMLResponse, RelayState), e.g. for curl --data."})
    Optional<Format> format = Optional.empty();

    @Option(names = "--explain", description = "Print the claims, session tags and the pre-flight verdict instead.")
    boolean explain;

    @Option(names = "--relay-state", paramLabel = "URL",
            description = "RelayState (a console deep link); it travels beside the response, so only with --format form.")
    Optional<String> relayState = Optional.empty();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory with the keys (default: the configuration's data-dir; for --demo: data).")
    Optional<Path> dataDirectory = Optional.empty();

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The IdP's base URL (default: the configuration's base-url), e.g. http://127.0.0.1:18080 "
                    + "for a demo started with --idp-port 18080: the Issuer then matches its registered metadata.")
    Optional<URI> baseUrl = Optional.empty();

    /** What is printed. */
    enum Format {
        BASE64, XML, FORM
    }

    /** {@code base64}, {@code xml} or {@code form}. */
    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return switch (value) {
                case "base64" -> Format.BASE64;
                case "xml" -> Format.XML;
                case "form" -> Format.FORM;
                default -> throw new TypeConversionException("expected base64, xml or form, was '" + value + "'");
            };
        }
    }

    @Override
    public Integer call() {
        RoleChoice choice = roleChoice();
        checkOutputOptions();
        PersonSource people = new PersonSource(source, main.environment(), spec.commandLine().getErr());
        StsbridgeConfig config = people.configuration(baseUrl, dataDirectory);
        try (IdpApplication idp = people.start(config)) {
            SignedInUser person = people.signIn(idp, user);
            Explanation explanation = idp.sso().explain(person, choice);
            if (explain) {
                print(explanation.render());
                return ExitCodes.OK;
            }
            if (!explanation.ok()) {
                return refuse(explanation.violations());
            }
            SsoOutcome outcome = idp.sso().respond(person, choice, relayState);
            if (outcome instanceof SsoOutcome.Refused refused) {
                return refuse(refused.violations());
            }
            write((SsoOutcome.Posted) outcome);
            return ExitCodes.OK;
        }
    }

    private RoleChoice roleChoice() {
        if (account.isPresent() != role.isPresent()) {
            throw new CommandFailure(ExitCodes.ERROR, "--account and --role go together: give both, or neither for "
                    + "every role of the user");
        }
        return account.isPresent() ? RoleChoice.one(account.get(), role.get()) : RoleChoice.all();
    }

    private void checkOutputOptions() {
        if (explain && (format.isPresent() || relayState.isPresent())) {
            throw new CommandFailure(ExitCodes.ERROR, "--explain prints the claims, not a response: drop "
                    + (format.isPresent() ? "--format" : "--relay-state"));
        }
        if (relayState.isPresent() && format.orElse(Format.BASE64) != Format.FORM) {
            throw new CommandFailure(ExitCodes.ERROR, "--relay-state travels in the POST form beside the response, "
                    + "not inside it: use it with --format form");
        }
    }

    /** Nothing on stdout; one line per violation on stderr. */
    private int refuse(List<AwsRuleViolation> violations) {
        PrintWriter err = spec.commandLine().getErr();
        violations.forEach(v -> err.println("stsbridge: " + v.message()));
        err.flush();
        return ExitCodes.AWS_RULE;
    }

    private void write(SsoOutcome.Posted posted) {
        Format chosen = format.orElse(Format.BASE64);
        byte[] output = switch (chosen) {
            case XML -> posted.response().xml();
            case BASE64 -> (posted.form().samlResponse() + "\n").getBytes(StandardCharsets.US_ASCII);
            case FORM -> (formBody(posted) + "\n").getBytes(StandardCharsets.US_ASCII);
        };
        try {
            main.environment().stdout().write(output);
            main.environment().stdout().flush();
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.ERROR, "cannot write to standard output: " + e.getMessage(), e);
        }
    }

    private static String formBody(SsoOutcome.Posted posted) {
        String body = "SAMLResponse=" + URLEncoder.encode(posted.form().samlResponse(), StandardCharsets.UTF_8);
        return posted.form().relayState().map(r -> body + "&RelayState=" + URLEncoder.encode(r, StandardCharsets.UTF_8))
                .orElse(body);
    }

    private void print(String text) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
    }
}
