package dev.stsbridge.verifier;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

import dev.stsbridge.verifier.VerifierServer.Mount;
import dev.stsbridge.verifier.api.IamActions;
import dev.stsbridge.verifier.api.IamPolicyActions;
import dev.stsbridge.verifier.api.RoleSessionAccess;
import dev.stsbridge.verifier.api.SimulatorActions;
import dev.stsbridge.verifier.api.StsActions;
import dev.stsbridge.verifier.auth.Accounts;
import dev.stsbridge.verifier.auth.AccountsFile;
import dev.stsbridge.verifier.auth.SigV4Authenticator;
import dev.stsbridge.verifier.federation.FederationHandler;
import dev.stsbridge.verifier.iam.IamIds;
import dev.stsbridge.verifier.iam.IamStore;
import dev.stsbridge.verifier.iam.ManagedPolicies;
import dev.stsbridge.verifier.iam.MetadataParser;
import dev.stsbridge.verifier.iam.RolePolicies;
import dev.stsbridge.verifier.iam.Roles;
import dev.stsbridge.verifier.iam.SamlProviders;
import dev.stsbridge.verifier.policy.PermissionPolicies;
import dev.stsbridge.verifier.policy.SessionPermissions;
import dev.stsbridge.verifier.query.ApiModel;
import dev.stsbridge.verifier.query.BodyLimits;
import dev.stsbridge.verifier.query.QueryHandler;
import dev.stsbridge.verifier.simulator.PolicySimulator;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlOperation;
import dev.stsbridge.verifier.sts.InMemoryCredentialIssuer;

/**
 * Wires and starts the verifier: accounts -> IAM state (loaded from the data directory) -> credential issuer -> the
 * SAML half (trust-policy validator, AssumeRoleWithSAML pipeline, console pages) -> the console federation endpoint
 * ({@code /federation}, sharing the console sessions) -> the IAM and STS Query APIs -> the HTTP server. The one place
 * that decides what runs.
 */
public final class VerifierApplication implements AutoCloseable {

    private final VerifierServer server;
    private final VerifierCore core;
    private final SamlProviders samlProviders;
    private final Roles roles;
    private final ManagedPolicies managedPolicies;
    private final RolePolicies rolePolicies;

    private VerifierApplication(VerifierServer server, VerifierCore core, SamlProviders samlProviders, Roles roles,
                                ManagedPolicies managedPolicies, RolePolicies rolePolicies) {
        this.server = server;
        this.core = core;
        this.samlProviders = samlProviders;
        this.roles = roles;
        this.managedPolicies = managedPolicies;
        this.rolePolicies = rolePolicies;
    }

    /**
     * Starts the verifier: the Query API (IAM, STS) with the trust-policy language, the AssumeRoleWithSAML
     * pipeline and the console sign-in model of {@link SamlPipelines}.
     */
    public static VerifierApplication start(VerifierSettings settings) {
        return start(settings, new SamlPipelines());
    }

    /**
     * Starts the verifier with the given SAML half.
     *
     * @throws VerifierServer.PortInUseException when the port is taken
     * @throws IllegalArgumentException when the accounts file is unusable
     * @throws IllegalStateException when the state in the data directory cannot be loaded
     */
    public static VerifierApplication start(VerifierSettings settings, SamlHalf samlHalf) {
        Accounts accounts = settings.accountsFile().map(AccountsFile::load).orElseGet(Accounts::demo);
        IamStore iam = IamStore.open(settings.dataDir(), new MetadataParser());
        InMemoryCredentialIssuer credentials = new InMemoryCredentialIssuer();
        VerifierCore core = new VerifierCore(settings, accounts, iam, credentials);

        IamIds ids = new IamIds();
        SamlProviders samlProviders = new SamlProviders(iam, new MetadataParser(), ids, settings.clock());
        Roles roles = new Roles(iam, samlHalf.trustPolicyValidator(), ids, settings.clock());
        PermissionPolicies permissionPolicies = new PermissionPolicies();
        ManagedPolicies managedPolicies = new ManagedPolicies(iam, permissionPolicies, ids, settings.clock());
        RolePolicies rolePolicies = new RolePolicies(iam, permissionPolicies);
        AssumeRoleWithSamlOperation assumeRoleWithSaml = samlHalf.assumeRoleWithSaml(core);
        List<Mount> consolePages = Stream.concat(samlHalf.consolePages(core, assumeRoleWithSaml).stream(),
                Stream.of(new Mount("/federation", new FederationHandler(credentials, core.consoleSessions(),
                        settings.clock())))).toList();

        QueryHandler query = new QueryHandler(List.of(
                StsActions.service(assumeRoleWithSaml, ApiModel.load(ApiModel.STS)),
                IamActions.service(ApiModel.load(ApiModel.IAM), Stream.of(
                        IamActions.actions(samlProviders, roles),
                        IamPolicyActions.actions(managedPolicies, rolePolicies),
                        SimulatorActions.actions(new PolicySimulator(iam, permissionPolicies))).flatMap(List::stream).toList())),
                new SigV4Authenticator(accounts, credentials, settings.clock(), new RoleSessionAccess(
                        new SessionPermissions(iam, permissionPolicies, settings.clock()))),
                BodyLimits.standard());
        VerifierServer server = new VerifierServer(settings.host(), settings.port(), query, consolePages).start();
        return new VerifierApplication(server, core, samlProviders, roles, managedPolicies, rolePolicies);
    }

    /** {@code http://host:port} */
    public URI endpoint() {
        return server.endpoint();
    }

    public int port() {
        return server.port();
    }

    /** Accounts, IAM state (read side), credential issuer, settings. */
    public VerifierCore core() {
        return core;
    }

    /** IAM's SAML provider operations, for setting up providers in-process (the {@code demo} command). */
    public SamlProviders samlProviders() {
        return samlProviders;
    }

    /** IAM's role operations, for setting up roles in-process (the {@code demo} command). */
    public Roles roles() {
        return roles;
    }

    /** IAM's managed-policy operations, for setting up policies in-process. */
    public ManagedPolicies managedPolicies() {
        return managedPolicies;
    }

    /** IAM's operations on a role's permission policies, for setting them up in-process. */
    public RolePolicies rolePolicies() {
        return rolePolicies;
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops the server gracefully. */
    @Override
    public void close() {
        server.close();
    }
}
