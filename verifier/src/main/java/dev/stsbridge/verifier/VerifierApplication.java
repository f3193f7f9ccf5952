package dev.stsbridge.verifier;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

import dev.stsbridge.verifier.VerifierServer.Mount;
import dev.stsbridge.verifier.api.IamActions;
import dev.stsbridge.verifier.cognito.CognitoFlows;
import dev.stsbridge.verifier.cognito.CognitoHandler;
import dev.stsbridge.verifier.cognito.CognitoIssuer;
import dev.stsbridge.verifier.cognito.IdentityPools;
import dev.stsbridge.verifier.cognito.TargetRouter;
import dev.stsbridge.verifier.api.IamOidcActions;
import dev.stsbridge.verifier.iam.OidcProviders;
import dev.stsbridge.verifier.api.IamPolicyActions;
import dev.stsbridge.verifier.api.IamUserActions;
import dev.stsbridge.verifier.auth.Account;
import dev.stsbridge.verifier.iam.AccessKeys;
import dev.stsbridge.verifier.iam.MfaDevices;
import dev.stsbridge.verifier.iam.UserPolicies;
import dev.stsbridge.verifier.iam.Users;
import dev.stsbridge.verifier.policy.TrustPolicies;
import dev.stsbridge.verifier.sts.AssumeRole;
import dev.stsbridge.verifier.sts.FederationTokens;
import dev.stsbridge.verifier.sts.MfaCheck;
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
import dev.stsbridge.verifier.webidentity.AssumeRoleWithWebIdentity;
import dev.stsbridge.verifier.webidentity.IamOidcLookup;
import dev.stsbridge.verifier.webidentity.OidcKeys;
import dev.stsbridge.verifier.webidentity.ServerThumbprint;
import dev.stsbridge.verifier.webidentity.WebIdentityAuthorizer;
import dev.stsbridge.verifier.webidentity.WebIdentityProvider;

/**
 * Wires and starts the verifier: accounts -> IAM state (loaded from the data directory) -> credential issuer -> IAM
 * users, keys and MFA devices -> STS AssumeRole / GetFederationToken / GetSessionToken (one policy engine) -> the
 * web identity (AssumeRoleWithWebIdentity, Cognito identity pools) -> the SAML half (trust-policy validator,
 * AssumeRoleWithSAML pipeline, console pages) -> the console federation endpoint
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
    private final IamUsersHalf users;
    private final AssumeRole assumeRole;

    /** IAM's user operations, kept together (they are wired and exposed as one). */
    public record IamUsersHalf(Users users, UserPolicies policies, AccessKeys accessKeys, MfaDevices mfaDevices) {
    }

    private VerifierApplication(VerifierServer server, VerifierCore core, SamlProviders samlProviders, Roles roles,
                                ManagedPolicies managedPolicies, RolePolicies rolePolicies, IamUsersHalf users,
                                AssumeRole assumeRole) {
        this.server = server;
        this.core = core;
        this.samlProviders = samlProviders;
        this.roles = roles;
        this.managedPolicies = managedPolicies;
        this.rolePolicies = rolePolicies;
        this.users = users;
        this.assumeRole = assumeRole;
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
        IamUsersHalf users = new IamUsersHalf(new Users(iam, ids, settings.clock()),
                new UserPolicies(iam, permissionPolicies), new AccessKeys(iam, ids, settings.clock()),
                new MfaDevices(iam, ids, settings.clock()));
        SessionPermissions sessionPermissions = new SessionPermissions(iam, permissionPolicies, settings.clock());
        RoleSessionAccess access = new RoleSessionAccess(sessionPermissions);
        MfaCheck mfa = users.mfaDevices()::authenticate;
        AssumeRole assumeRole = new AssumeRole(iam, new TrustPolicies(), sessionPermissions, mfa, credentials,
                settings.clock());
        IdentityPools identityPools = IdentityPools.open(settings.dataDir());
        CognitoIssuer cognitoIssuer = CognitoIssuer.open(settings.dataDir(), identityPools, settings.clock());
        AssumeRoleWithWebIdentity webIdentity = webIdentity(iam, credentials, settings, cognitoIssuer);
        StsActions.StsOperations sts = new StsActions.StsOperations(assumeRole,
                new FederationTokens(sessionPermissions, mfa, credentials, settings.clock()),
                keyId -> accounts.byAccessKeyId(keyId).map(Account::id)
                        .or(() -> iam.userByAccessKey(keyId).map(o -> o.user().accountId()))
                        .or(() -> credentials.find(keyId).map(found -> found.grant().accountId())),
                webIdentity);
        AssumeRoleWithSamlOperation assumeRoleWithSaml = samlHalf.assumeRoleWithSaml(core);
        List<Mount> consolePages = Stream.concat(samlHalf.consolePages(core, assumeRoleWithSaml).stream(),
                Stream.of(new Mount("/federation", new FederationHandler(credentials, core.consoleSessions(),
                        settings.clock())))).toList();

        SigV4Authenticator authenticator = new SigV4Authenticator(accounts, credentials, settings.clock(), access, iam,
                access);
        QueryHandler query = new QueryHandler(List.of(
                StsActions.service(assumeRoleWithSaml, sts, ApiModel.load(ApiModel.STS)),
                IamActions.service(ApiModel.load(ApiModel.IAM), Stream.of(
                        IamActions.actions(samlProviders, roles),
                        IamPolicyActions.actions(managedPolicies, rolePolicies),
                        IamUserActions.actions(users.users(), users.policies(), users.accessKeys(), users.mfaDevices()),
                        IamOidcActions.actions(new OidcProviders(iam, settings.clock(), ServerThumbprint::of)),
                        SimulatorActions.actions(new PolicySimulator(iam, permissionPolicies))).flatMap(List::stream).toList())),
                authenticator, BodyLimits.standard());
        TargetRouter root = new TargetRouter(new CognitoHandler(identityPools,
                new CognitoFlows(identityPools, cognitoIssuer, webIdentity), authenticator), query);
        VerifierServer server = new VerifierServer(settings.host(), settings.port(), root, consolePages).start();
        return new VerifierApplication(server, core, samlProviders, roles, managedPolicies, rolePolicies, users,
                assumeRole);
    }

    /**
     * STS AssumeRoleWithWebIdentity: IAM OpenID Connect providers (keys over HTTPS, loopback) and Cognito's built-in
     * issuer, the policy engine.
     */
    private static AssumeRoleWithWebIdentity webIdentity(IamStore iam, InMemoryCredentialIssuer credentials,
                                                         VerifierSettings settings, CognitoIssuer cognito) {
        WebIdentityProvider.Lookup providers = new IamOidcLookup(iam, new OidcKeys(settings.clock())).or(cognito);
        return new AssumeRoleWithWebIdentity(providers, new WebIdentityAuthorizer(iam, new TrustPolicies()),
                credentials, settings.clock(), settings.clockSkew());
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

    /** IAM's user, access key and MFA device operations, for setting them up in-process. */
    public IamUsersHalf users() {
        return users;
    }

    /** STS AssumeRole, also the source of instance-profile credentials ({@code imds}). */
    public AssumeRole assumeRole() {
        return assumeRole;
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
