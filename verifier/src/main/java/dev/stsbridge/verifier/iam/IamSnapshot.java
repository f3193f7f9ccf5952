package dev.stsbridge.verifier.iam;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An immutable view of all IAM state; every change makes a new snapshot. */
public final class IamSnapshot {

    private static final IamSnapshot EMPTY = new IamSnapshot(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    private final Map<String, ProviderEntry> providersByArn;
    private final Map<String, RoleEntry> rolesByKey;
    private final Map<String, ManagedPolicy> policiesByArn;
    private final Map<String, UserEntry> usersByKey;
    private final Map<String, MfaDevice> mfaDevicesBySerial;
    private final Map<String, UserEntry> usersByAccessKey;
    private final Map<String, OidcProvider> oidcByArn;

    private IamSnapshot(Map<String, ProviderEntry> providersByArn, Map<String, RoleEntry> rolesByKey,
                        Map<String, ManagedPolicy> policiesByArn, Map<String, UserEntry> usersByKey,
                        Map<String, MfaDevice> mfaDevicesBySerial, Map<String, OidcProvider> oidcByArn) {
        this.oidcByArn = Collections.unmodifiableMap(new LinkedHashMap<>(oidcByArn));
        this.providersByArn = Collections.unmodifiableMap(new LinkedHashMap<>(providersByArn));
        this.rolesByKey = Collections.unmodifiableMap(new LinkedHashMap<>(rolesByKey));
        this.policiesByArn = Collections.unmodifiableMap(new LinkedHashMap<>(policiesByArn));
        this.usersByKey = Collections.unmodifiableMap(new LinkedHashMap<>(usersByKey));
        this.mfaDevicesBySerial = Collections.unmodifiableMap(new LinkedHashMap<>(mfaDevicesBySerial));
        Map<String, UserEntry> byKey = new HashMap<>();
        usersByKey.values().forEach(u -> u.accessKeys().forEach(k -> byKey.put(k.accessKeyId(), u)));
        this.usersByAccessKey = Collections.unmodifiableMap(byKey);
    }

    public static IamSnapshot empty() {
        return EMPTY;
    }

    public static IamSnapshot of(List<ProviderEntry> providers, List<RoleEntry> roles) {
        return of(providers, roles, List.of());
    }

    /** A snapshot of these providers, roles and customer managed policies. */
    public static IamSnapshot of(List<ProviderEntry> providers, List<RoleEntry> roles, List<ManagedPolicy> policies) {
        return of(providers, roles, policies, List.of(), List.of());
    }

    /** A snapshot of these providers, roles, customer managed policies, users and virtual MFA devices. */
    public static IamSnapshot of(List<ProviderEntry> providers, List<RoleEntry> roles, List<ManagedPolicy> policies,
                                 List<UserEntry> users, List<MfaDevice> mfaDevices) {
        Map<String, UserEntry> usersByKey = new LinkedHashMap<>();
        users.forEach(u -> usersByKey.put(roleKey(u.user().accountId(), u.user().name()), u));
        Map<String, MfaDevice> devices = new LinkedHashMap<>();
        mfaDevices.forEach(d -> devices.put(d.serialNumber(), d));
        Map<String, ProviderEntry> providersByArn = new LinkedHashMap<>();
        providers.forEach(p -> providersByArn.put(p.provider().arn(), p));
        Map<String, RoleEntry> rolesByKey = new LinkedHashMap<>();
        roles.forEach(r -> rolesByKey.put(roleKey(r.role().accountId(), r.role().name()), r));
        Map<String, ManagedPolicy> policiesByArn = new LinkedHashMap<>();
        policies.forEach(p -> policiesByArn.put(p.arn(), p));
        return new IamSnapshot(providersByArn, rolesByKey, policiesByArn, usersByKey, devices, Map.of());
    }

    private static String roleKey(String accountId, String roleName) {
        return accountId + "/" + roleName.toLowerCase(Locale.ROOT);
    }

    public Optional<ProviderEntry> provider(String arn) {
        return Optional.ofNullable(providersByArn.get(arn));
    }

    /** An account's providers, by name. */
    public List<ProviderEntry> providers(String accountId) {
        return providersByArn.values().stream().filter(p -> p.provider().accountId().equals(accountId))
                .sorted(Comparator.comparing(p -> p.provider().name())).toList();
    }

    public List<ProviderEntry> allProviders() {
        return List.copyOf(providersByArn.values());
    }

    /** A role by name, ignoring case as IAM does. */
    public Optional<RoleEntry> role(String accountId, String roleName) {
        return Optional.ofNullable(rolesByKey.get(roleKey(accountId, roleName)));
    }

    /** An account's roles, by name ignoring case. */
    public List<RoleEntry> roles(String accountId) {
        return rolesByKey.values().stream().filter(r -> r.role().accountId().equals(accountId))
                .sorted(Comparator.comparing(r -> r.role().name().toLowerCase(Locale.ROOT))).toList();
    }

    public List<RoleEntry> allRoles() {
        return List.copyOf(rolesByKey.values());
    }

    public IamSnapshot withProvider(ProviderEntry entry) {
        Map<String, ProviderEntry> providers = new LinkedHashMap<>(providersByArn);
        providers.put(entry.provider().arn(), entry);
        return new IamSnapshot(providers, rolesByKey, policiesByArn, usersByKey, mfaDevicesBySerial, oidcByArn);
    }

    public IamSnapshot withoutProvider(String arn) {
        Map<String, ProviderEntry> providers = new LinkedHashMap<>(providersByArn);
        providers.remove(arn);
        return new IamSnapshot(providers, rolesByKey, policiesByArn, usersByKey, mfaDevicesBySerial, oidcByArn);
    }

    public IamSnapshot withRole(RoleEntry entry) {
        Map<String, RoleEntry> roles = new LinkedHashMap<>(rolesByKey);
        roles.put(roleKey(entry.role().accountId(), entry.role().name()), entry);
        return new IamSnapshot(providersByArn, roles, policiesByArn, usersByKey, mfaDevicesBySerial, oidcByArn);
    }

    public IamSnapshot withoutRole(String accountId, String roleName) {
        Map<String, RoleEntry> roles = new LinkedHashMap<>(rolesByKey);
        roles.remove(roleKey(accountId, roleName));
        return new IamSnapshot(providersByArn, roles, policiesByArn, usersByKey, mfaDevicesBySerial, oidcByArn);
    }

    /** A managed policy by ARN: a customer managed one of any account, or an AWS managed one. */
    public Optional<ManagedPolicy> policy(String arn) {
        return Optional.ofNullable(policiesByArn.get(arn)).or(() -> AwsManagedPolicies.byArn(arn));
    }

    /** An account's customer managed policy by name, ignoring case (whatever its path). */
    public Optional<ManagedPolicy> policyNamed(String accountId, String name) {
        return policies(accountId).stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    /** An account's customer managed policies, by name ignoring case. */
    public List<ManagedPolicy> policies(String accountId) {
        return policiesByArn.values().stream().filter(p -> p.owner().equals(accountId))
                .sorted(Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT))).toList();
    }

    public List<ManagedPolicy> allPolicies() {
        return List.copyOf(policiesByArn.values());
    }

    /** How many of an account's roles have this managed policy attached. */
    public int attachmentCount(String accountId, String policyArn) {
        return (int) (roles(accountId).stream().filter(r -> r.attachedPolicyArns().contains(policyArn)).count()
                + users(accountId).stream().filter(u -> u.attachedPolicyArns().contains(policyArn)).count());
    }

    /** How many of an account's roles have this managed policy as their permissions boundary. */
    public int boundaryUsageCount(String accountId, String policyArn) {
        return (int) roles(accountId).stream()
                .filter(r -> r.permissionsBoundary().filter(policyArn::equals).isPresent()).count();
    }

    public IamSnapshot withPolicy(ManagedPolicy policy) {
        if (policy.awsManaged()) {
            throw new IllegalArgumentException("AWS managed policies are not stored: " + policy.arn());
        }
        Map<String, ManagedPolicy> policies = new LinkedHashMap<>(policiesByArn);
        policies.put(policy.arn(), policy);
        return new IamSnapshot(providersByArn, rolesByKey, policies, usersByKey, mfaDevicesBySerial, oidcByArn);
    }

    public IamSnapshot withoutPolicy(String arn) {
        Map<String, ManagedPolicy> policies = new LinkedHashMap<>(policiesByArn);
        policies.remove(arn);
        return new IamSnapshot(providersByArn, rolesByKey, policies, usersByKey, mfaDevicesBySerial, oidcByArn);
    }

    /** A user by name, ignoring case as IAM does. */
    public Optional<UserEntry> user(String accountId, String userName) {
        return Optional.ofNullable(usersByKey.get(roleKey(accountId, userName)));
    }

    /** An account's users, by name ignoring case. */
    public List<UserEntry> users(String accountId) {
        return usersByKey.values().stream().filter(u -> u.user().accountId().equals(accountId))
                .sorted(Comparator.comparing(u -> u.user().name().toLowerCase(Locale.ROOT))).toList();
    }

    public List<UserEntry> allUsers() {
        return List.copyOf(usersByKey.values());
    }

    /** The user owning an access key ID, if any. */
    public Optional<UserEntry> userByAccessKey(String accessKeyId) {
        return Optional.ofNullable(usersByAccessKey.get(accessKeyId));
    }

    public IamSnapshot withUser(UserEntry entry) {
        Map<String, UserEntry> users = new LinkedHashMap<>(usersByKey);
        users.put(roleKey(entry.user().accountId(), entry.user().name()), entry);
        return new IamSnapshot(providersByArn, rolesByKey, policiesByArn, users, mfaDevicesBySerial, oidcByArn);
    }

    public IamSnapshot withoutUser(String accountId, String userName) {
        Map<String, UserEntry> users = new LinkedHashMap<>(usersByKey);
        users.remove(roleKey(accountId, userName));
        return new IamSnapshot(providersByArn, rolesByKey, policiesByArn, users, mfaDevicesBySerial, oidcByArn);
    }

    /** A virtual MFA device by serial number (its ARN). */
    public Optional<MfaDevice> mfaDevice(String serialNumber) {
        return Optional.ofNullable(mfaDevicesBySerial.get(serialNumber));
    }

    /** An account's virtual MFA devices, by serial number. */
    public List<MfaDevice> mfaDevices(String accountId) {
        return mfaDevicesBySerial.values().stream().filter(d -> d.accountId().equals(accountId))
                .sorted(Comparator.comparing(MfaDevice::serialNumber)).toList();
    }

    public List<MfaDevice> allMfaDevices() {
        return List.copyOf(mfaDevicesBySerial.values());
    }

    public IamSnapshot withMfaDevice(MfaDevice device) {
        Map<String, MfaDevice> devices = new LinkedHashMap<>(mfaDevicesBySerial);
        devices.put(device.serialNumber(), device);
        return new IamSnapshot(providersByArn, rolesByKey, policiesByArn, usersByKey, devices, oidcByArn);
    }

    public IamSnapshot withoutMfaDevice(String serialNumber) {
        Map<String, MfaDevice> devices = new LinkedHashMap<>(mfaDevicesBySerial);
        devices.remove(serialNumber);
        return new IamSnapshot(providersByArn, rolesByKey, policiesByArn, usersByKey, devices, oidcByArn);
    }

    /** The same snapshot with these OpenID Connect providers (all accounts), replacing any it had. */
    public IamSnapshot withOidcProviders(List<OidcProvider> providers) {
        Map<String, OidcProvider> byArn = new LinkedHashMap<>();
        providers.forEach(p -> byArn.put(p.arn(), p));
        return new IamSnapshot(providersByArn, rolesByKey, policiesByArn, usersByKey, mfaDevicesBySerial, byArn);
    }

    /** An OpenID Connect provider by ARN (exact). */
    public Optional<OidcProvider> oidcProvider(String arn) {
        return Optional.ofNullable(oidcByArn.get(arn));
    }

    /** An account's OpenID Connect providers, by ARN. */
    public List<OidcProvider> oidcProviders(String accountId) {
        return oidcByArn.values().stream().filter(p -> p.accountId().equals(accountId))
                .sorted(Comparator.comparing(OidcProvider::arn)).toList();
    }

    public List<OidcProvider> allOidcProviders() {
        return List.copyOf(oidcByArn.values());
    }

    public IamSnapshot withOidcProvider(OidcProvider provider) {
        Map<String, OidcProvider> byArn = new LinkedHashMap<>(oidcByArn);
        byArn.put(provider.arn(), provider);
        return new IamSnapshot(providersByArn, rolesByKey, policiesByArn, usersByKey, mfaDevicesBySerial, byArn);
    }

    public IamSnapshot withoutOidcProvider(String arn) {
        Map<String, OidcProvider> byArn = new LinkedHashMap<>(oidcByArn);
        byArn.remove(arn);
        return new IamSnapshot(providersByArn, rolesByKey, policiesByArn, usersByKey, mfaDevicesBySerial, byArn);
    }
}
