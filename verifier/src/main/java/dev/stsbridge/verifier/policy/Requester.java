package dev.stsbridge.verifier.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * Who makes the request, as a policy's {@code Principal} element sees it.
 *
 * @param kind what sort of principal
 * @param arn the ARN the request is made as: the account's root, the user, the assumed-role session, or the SAML
 *            provider of a federated request
 * @param accountId the principal's account
 * @param roleArn for a role session: the role's ARN
 */
public record Requester(Kind kind, String arn, String accountId, Optional<String> roleArn) {

    /** The kinds of principal the model knows. */
    public enum Kind { ACCOUNT_ROOT, IAM_USER, ROLE_SESSION, FEDERATED_PROVIDER, SERVICE }

    /** How specifically a resource policy's {@code Principal} names the requester (IAM's rules depend on it). */
    enum Grant {
        /** {@code "*"}: anyone. */
        ANYONE,
        /** The account (ID or {@code :root} ARN): delegated to the account's identity policies. */
        ACCOUNT,
        /** The role of a role session. */
        ROLE,
        /** The requester itself: the user, the role session's ARN, the SAML provider. */
        EXACT
    }

    public Requester {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(roleArn, "roleArn");
    }

    public static Requester accountRoot(String accountId) {
        return new Requester(Kind.ACCOUNT_ROOT, "arn:aws:iam::" + accountId + ":root", accountId, Optional.empty());
    }

    public static Requester user(String userArn, String accountId) {
        return new Requester(Kind.IAM_USER, userArn, accountId, Optional.empty());
    }

    public static Requester roleSession(String sessionArn, String roleArn, String accountId) {
        return new Requester(Kind.ROLE_SESSION, sessionArn, accountId, Optional.of(roleArn));
    }

    /** An AWS service ({@code ec2.amazonaws.com} for instance profiles), named only by {@code {"Service": name}}. */
    public static Requester service(String name) {
        return new Requester(Kind.SERVICE, name, "", Optional.empty());
    }

    /** A federated request: AssumeRoleWithSAML names {@code {"Federated": providerArn}}. */
    public static Requester samlProvider(String providerArn) {
        String[] parts = providerArn.split(":", 6);
        return new Requester(Kind.FEDERATED_PROVIDER, providerArn, parts.length > 4 ? parts[4] : "", Optional.empty());
    }

    /**
     * How one principal value of type {@code type} names this requester, if it does. A federated requester is
     * named only by its own {@code Federated} provider ARN: {@code "*"} and {@code AWS} principals never let a SAML
     * request in (our choice, verifier/README.md); a service is named only by its own {@code Service} principal.
     * CanonicalUser principals never match.
     */
    Optional<Grant> namedBy(String type, String value) {
        if (kind == Kind.FEDERATED_PROVIDER) {
            return type.equals("Federated") && value.equals(arn) ? Optional.of(Grant.EXACT) : Optional.empty();
        }
        if (kind == Kind.SERVICE) {
            return type.equals("Service") && value.equals(arn) ? Optional.of(Grant.EXACT) : Optional.empty();
        }
        if (!type.equals("AWS")) {
            return Optional.empty();
        }
        if (value.equals("*")) {
            return Optional.of(Grant.ANYONE);
        }
        if (value.equals(arn)) {
            return Optional.of(kind == Kind.ACCOUNT_ROOT ? Grant.ACCOUNT : Grant.EXACT);
        }
        if (value.equals(accountId) || value.equals(partition() + ":iam::" + accountId + ":root")) {
            return Optional.of(Grant.ACCOUNT);
        }
        if (roleArn.isPresent() && value.equals(roleArn.get())) {
            return Optional.of(Grant.ROLE);
        }
        return Optional.empty();
    }

    private String partition() {
        int colon = arn.indexOf(':', 4);
        return colon > 0 ? arn.substring(0, colon) : "arn:aws";
    }
}
