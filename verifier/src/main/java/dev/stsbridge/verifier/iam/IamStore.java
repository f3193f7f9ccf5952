package dev.stsbridge.verifier.iam;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.state.JsonStateFile;

/**
 * The IAM state of every account: reads are lock-free on an immutable {@link IamSnapshot}; each change is computed
 * from the current snapshot, persisted, and only then published, under one lock. If persisting fails the change is
 * not applied and the caller gets {@code ServiceFailure} (500), so memory and disk never disagree.
 * Also the read side STS uses ({@link IamDirectory}).
 */
public final class IamStore implements IamDirectory {

    /** Persists a snapshot (the whole state, atomically). */
    @FunctionalInterface
    public interface Saver {
        void save(IamSnapshot snapshot) throws IOException;
    }

    /** A computed change: the next snapshot and what the operation returns. */
    public record Change<T>(IamSnapshot next, T result) {
        public Change {
            Objects.requireNonNull(next, "next");
        }
    }

    private final Saver saver;
    private volatile IamSnapshot snapshot;

    public IamStore(IamSnapshot initial, Saver saver) {
        this.snapshot = Objects.requireNonNull(initial, "initial");
        this.saver = Objects.requireNonNull(saver, "saver");
    }

    /** An in-memory store (tests, benchmarks). */
    public static IamStore inMemory() {
        return new IamStore(IamSnapshot.empty(), s -> { });
    }

    /**
     * The store persisted in {@code <dataDir>/verifier/state.json}, loaded now (empty if the file does not exist).
     *
     * @throws IllegalStateException naming the file when it cannot be loaded
     */
    public static IamStore open(Path dataDir, MetadataParser metadataParser) {
        Path path = dataDir.resolve("verifier").resolve("state.json");
        JsonStateFile<IamStateDocument> file = new JsonStateFile<>(path, IamStateDocument.class);
        IamStateCodec codec = new IamStateCodec(metadataParser);
        IamSnapshot initial;
        try {
            initial = file.load().map(codec::decode).orElse(IamSnapshot.empty());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load the verifier state " + path + ": " + e.getMessage(), e);
        }
        return new IamStore(initial, s -> file.save(codec.encode(s)));
    }

    public IamSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Applies a change: computes it from the current snapshot (it may refuse with an AWS error), persists the next
     * snapshot, publishes it.
     */
    public synchronized <T> T change(Function<IamSnapshot, Change<T>> change) {
        Change<T> computed = change.apply(snapshot);
        try {
            saver.save(computed.next());
        } catch (IOException | RuntimeException e) {
            throw new StateNotSaved(e);
        }
        snapshot = computed.next();
        return computed.result();
    }

    /** The change could not be persisted; nothing was applied. Answered as IAM's {@code ServiceFailure}. */
    public static final class StateNotSaved extends RuntimeException {
        StateNotSaved(Throwable cause) {
            super("the verifier state could not be saved: " + cause.getMessage(), cause);
        }

        public AwsError error() {
            return new AwsError("Receiver", "ServiceFailure",
                    "The request processing has failed because of an unknown error, exception or failure.", 500);
        }
    }

    @Override
    public Optional<SamlProvider> samlProvider(String providerArn) {
        return snapshot.provider(providerArn).map(ProviderEntry::provider);
    }

    @Override
    public Optional<SamlProvider> samlProviderByUuid(String uuid) {
        return snapshot.allProviders().stream().map(ProviderEntry::provider)
                .filter(provider -> provider.uuid().equals(uuid)).findFirst();
    }

    @Override
    public Optional<OidcProvider> oidcProvider(String providerArn) {
        return snapshot.oidcProvider(providerArn);
    }

    @Override
    public Optional<IamRole> role(String roleArn) {
        return Arns.parseRole(roleArn)
                .flatMap(arn -> snapshot.role(arn.accountId(), arn.name())
                        .filter(entry -> entry.role().path().equals(arn.path())))
                .map(RoleEntry::role);
    }

    @Override
    public Optional<IamUser> user(String userArn) {
        return Arns.parseUser(userArn)
                .flatMap(arn -> snapshot.user(arn.accountId(), arn.name())
                        .filter(entry -> entry.user().path().equals(arn.path())))
                .map(UserEntry::user);
    }

    @Override
    public Optional<UserKeyOwner> userByAccessKey(String accessKeyId) {
        return snapshot.userByAccessKey(accessKeyId).flatMap(entry -> entry.accessKeys().stream()
                .filter(k -> k.accessKeyId().equals(accessKeyId)).findFirst()
                .map(k -> new UserKeyOwner(entry.user(), k)));
    }

    /**
     * The role's (or, for a user ARN, the user's) inline policies by name, then its attached managed policies in
     * attachment order (each with its default version's document), and its permissions boundary.
     */
    @Override
    public RolePermissions permissions(String roleArn) {
        IamSnapshot current = snapshot;
        Optional<UserEntry> user = Arns.parseUser(roleArn).flatMap(arn -> current.user(arn.accountId(), arn.name())
                .filter(entry -> entry.user().path().equals(arn.path())));
        if (user.isPresent()) {
            return permissions(current, user.get().inlinePolicies(), user.get().attachedPolicyArns(),
                    user.get().permissionsBoundary());
        }
        Optional<RoleEntry> found = Arns.parseRole(roleArn)
                .flatMap(arn -> current.role(arn.accountId(), arn.name())
                        .filter(entry -> entry.role().path().equals(arn.path())));
        if (found.isEmpty()) {
            return RolePermissions.NONE;
        }
        RoleEntry role = found.get();
        return permissions(current, role.inlinePolicies(), role.attachedPolicyArns(), role.permissionsBoundary());
    }

    private static RolePermissions permissions(IamSnapshot current, List<InlinePolicy> inline, List<String> attached,
                                               Optional<String> boundary) {
        List<PermissionPolicy> policies = new ArrayList<>();
        inline.forEach(p -> policies.add(new PermissionPolicy(p.name(), p.name(), PermissionPolicy.Kind.INLINE,
                p.document())));
        attached.forEach(arn -> current.policy(arn).map(IamStore::managed).ifPresent(policies::add));
        return new RolePermissions(policies, boundary.flatMap(current::policy).map(IamStore::managed));
    }

    @Override
    public Optional<PermissionPolicy> managedPolicy(String policyArn) {
        return snapshot.policy(policyArn).map(IamStore::managed);
    }

    private static PermissionPolicy managed(ManagedPolicy policy) {
        return new PermissionPolicy(policy.arn(), policy.name(), policy.awsManaged()
                ? PermissionPolicy.Kind.AWS_MANAGED : PermissionPolicy.Kind.CUSTOMER_MANAGED,
                policy.defaultVersion().document());
    }
}
