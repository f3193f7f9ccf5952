package dev.stsbridge.bench.verifier;

import java.time.Clock;
import java.util.List;
import java.util.Map;
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

import dev.stsbridge.verifier.api.RoleSessionAccess;
import dev.stsbridge.verifier.auth.Caller;
import dev.stsbridge.verifier.iam.IamCaller;
import dev.stsbridge.verifier.iam.IamIds;
import dev.stsbridge.verifier.iam.IamStore;
import dev.stsbridge.verifier.iam.Roles;
import dev.stsbridge.verifier.iam.UserEntry;
import dev.stsbridge.verifier.iam.UserPolicies;
import dev.stsbridge.verifier.iam.Users;
import dev.stsbridge.verifier.policy.PermissionPolicies;
import dev.stsbridge.verifier.policy.SessionPermissions;
import dev.stsbridge.verifier.policy.TrustPolicies;
import dev.stsbridge.verifier.sts.AssumeRole;
import dev.stsbridge.verifier.sts.AssumeRoleRequest;
import dev.stsbridge.verifier.sts.IssuedCredentials;
import dev.stsbridge.verifier.sts.MfaCheck;

/**
 * STS AssumeRole per second in process, the whole decision: an IAM user of 444455556666 assumes a role of
 * 111122223333 whose trust policy names that account and requires an ExternalId, with two session tags (one
 * transitive): the caller's identity policy, the trust policy (cross-account: both), {@code sts:TagSession}, the
 * duration and packed size rules, and credentials issued into an in-memory issuer. Two threads; heap fixed at 1 GB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
@Threads(2)
public class AssumeRoleBenchmark {
    static final String ROLE = "arn:aws:iam::111122223333:role/Partner";

    private AssumeRole sts;
    private Caller caller;
    private AssumeRoleRequest request;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        IamStore iam = IamStore.inMemory();
        IamIds ids = new IamIds();
        PermissionPolicies policies = new PermissionPolicies();
        IamCaller dev = IamCaller.root("444455556666", "CreateUser");
        UserEntry user = new Users(iam, ids, clock).create(dev, new Users.NewUser("deployer", Optional.empty(),
                Optional.empty(), List.of()));
        new UserPolicies(iam, policies).put(dev, "deployer", "assume", "{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],"
                + "\"Resource\":\"arn:aws:iam::111122223333:role/*\"}]}");
        new Roles(iam, new TrustPolicies(), ids, clock).create(IamCaller.root("111122223333", "CreateRole"),
                new Roles.NewRole("Partner", Optional.empty(), "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                        + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},"
                        + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":{\"StringEquals\":"
                        + "{\"sts:ExternalId\":\"partner-7f3a\"}}}]}", Optional.empty(), Optional.empty(),
                        Optional.empty(), List.of()));
        SessionPermissions permissions = new SessionPermissions(iam, policies, clock);
        sts = new AssumeRole(iam, new TrustPolicies(), permissions, MfaCheck.NONE, new BoundedCredentialIssuer(),
                clock);
        caller = new Caller.IamUser(user.user(), "AKIABENCHMARKKEY0000", new RoleSessionAccess(permissions));
        request = new AssumeRoleRequest(ROLE, "deployer", Optional.empty(), Optional.empty(), List.of(),
                Map.of("team", "platform", "stage", "beta"), List.of("team"), Optional.of("partner-7f3a"),
                Optional.empty(), Optional.empty(), Optional.empty());
        sts.handle(caller, request);
    }

    @Benchmark
    public IssuedCredentials assumeRole() {
        return sts.handle(caller, request);
    }
}
