package dev.stsbridge.verifier.auth;

import java.util.Objects;

import dev.stsbridge.verifier.sts.CredentialIssuer.IssuedSession;

/** Who made a request, as established by its signature. */
public sealed interface Caller {

    /** The ARN AWS names the caller by in {@code GetCallerIdentity} and in {@code AccessDenied} messages. */
    String arn();

    /** The account the caller acts in. */
    String accountId();

    /** Signed with an account's long-term access key: the account's root user. */
    record AccountRoot(Account account) implements Caller {
        public AccountRoot {
            Objects.requireNonNull(account, "account");
        }

        @Override
        public String arn() {
            return account.rootArn();
        }

        @Override
        public String accountId() {
            return account.id();
        }
    }

    /**
     * Signed with temporary credentials issued by AssumeRoleWithSAML: a role session, and what decides its
     * permissions.
     */
    record RoleSession(IssuedSession session, SessionAuthorizer authorizer) implements Caller {
        public RoleSession {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(authorizer, "authorizer");
        }

        /** The kind of temporary credentials (role session, federated user, session token). */
        public dev.stsbridge.verifier.sts.SessionOrigin origin() {
            return session.grant().origin();
        }

        /** A session whose permissions are unknown: it may call nothing that needs them. */
        public RoleSession(IssuedSession session) {
            this(session, SessionAuthorizer.DENY_ALL);
        }

        /** @throws dev.stsbridge.verifier.AwsException {@code AccessDenied} unless its policies allow it */
        public void authorize(String action, String resource) {
            authorizer.authorize(this, action, resource);
        }

        @Override
        public String arn() {
            return session.grant().assumedRoleArn();
        }

        @Override
        public String accountId() {
            return session.grant().accountId();
        }
    }

    /**
     * Signed with an IAM user's long-term access key, and what decides its permissions.
     *
     * @param user the user
     * @param accessKeyId the key the request was signed with
     */
    record IamUser(dev.stsbridge.verifier.iam.IamUser user, String accessKeyId, UserAuthorizer authorizer)
            implements Caller {
        public IamUser {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(authorizer, "authorizer");
        }

        /** @throws dev.stsbridge.verifier.AwsException {@code AccessDenied} unless its policies allow it */
        public void authorize(String action, String resource) {
            authorizer.authorize(this, action, resource);
        }

        /** What the policy engine needs of the user. */
        public dev.stsbridge.verifier.policy.SessionFacts facts() {
            return dev.stsbridge.verifier.policy.SessionFacts.iamUser(user.accountId(), user.arn(), user.userId());
        }

        @Override
        public String arn() {
            return user.arn();
        }

        @Override
        public String accountId() {
            return user.accountId();
        }
    }

    /** An unsigned request, for an action that needs no signature (AssumeRoleWithSAML). */
    record Anonymous() implements Caller {
        @Override
        public String arn() {
            return "anonymous";
        }

        @Override
        public String accountId() {
            return "";
        }
    }
}
