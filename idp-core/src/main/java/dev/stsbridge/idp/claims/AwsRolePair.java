package dev.stsbridge.idp.claims;

import java.util.Objects;

/**
 * One value of AWS's {@code https://aws.amazon.com/SAML/Attributes/Role} attribute: the role the user may
 * assume and the IAM SAML provider that vouches for them. Each pair is its own {@code AttributeValue}.
 *
 * @param roleArn e.g. {@code arn:aws:iam::111122223333:role/Admin}
 * @param providerArn e.g. {@code arn:aws:iam::111122223333:saml-provider/stsbridge}
 * @param accountName the account's display name from the configuration (for the portal); not sent to AWS
 */
public record AwsRolePair(String roleArn, String providerArn, String accountName) {
    public AwsRolePair {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(providerArn, "providerArn");
        Objects.requireNonNull(accountName, "accountName");
    }

    /** The attribute value as AWS reads it: {@code role-arn,provider-arn}. */
    public String attributeValue() {
        return roleArn + "," + providerArn;
    }

    /** The account ID field of the role ARN ({@code arn:partition:iam::ACCOUNT:role/name}), or "" if malformed. */
    public String accountId() {
        String[] parts = roleArn.split(":", 6);
        return parts.length == 6 ? parts[4] : "";
    }

    /** The role name (after the last {@code /} of the role ARN's resource). */
    public String roleName() {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }
}
