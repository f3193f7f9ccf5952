package dev.stsbridge.idp.config;

import java.util.regex.Pattern;

/**
 * One AWS account: its 12-digit {@code id}, a display {@code name} (for the portal and for role rules), and the
 * {@code provider-name} of the IAM SAML provider that trusts this IdP in that account.
 */
public record AwsAccount(String id, String name, String providerName) {

    /** IAM's SAML provider name pattern (botocore's model; AWS-SAML.md §5.8). */
    public static final Pattern PROVIDER_NAME = Pattern.compile("[\\w._-]{1,128}");

    public AwsAccount {
        id = ConfigChecks.required(id, "id").strip();
        if (!id.matches("\\d{12}")) {
            throw new InvalidConfigValueException("id", "must be 12 digits, was " + ConfigChecks.quote(id));
        }
        name = ConfigChecks.requiredText(name, "name");
        providerName = ConfigChecks.requiredText(providerName, "provider-name");
        if (!PROVIDER_NAME.matcher(providerName).matches()) {
            throw new InvalidConfigValueException("provider-name", "must match [\\w._-]{1,128}, was "
                    + ConfigChecks.quote(providerName));
        }
    }
}
