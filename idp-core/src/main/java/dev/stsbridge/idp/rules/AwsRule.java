package dev.stsbridge.idp.rules;

/** The AWS rules the pre-flight check enforces (AWS-SAML.md §3), each with the text its violations show. */
public enum AwsRule {
    ROLE_REQUIRED("at least one Role is required"),
    ROLE_ARN("Role ARN must be arn:<partition>:iam::<12-digit account>:role/<name>"),
    PROVIDER_ARN("SAML provider ARN must be arn:<partition>:iam::<12-digit account>:saml-provider/<name>"),
    PARTITION("Role and SAML provider ARNs must be in the partition of aws.signin-url"),
    SAME_ACCOUNT("Role and SAML provider must be in the same account"),
    ROLE_SESSION_NAME("RoleSessionName must match [\\w+=,.@-]{2,64}"),
    SOURCE_IDENTITY("SourceIdentity must match [\\w+=,.@-]{2,64}"),
    SOURCE_IDENTITY_PREFIX("SourceIdentity must not start with aws:"),
    SESSION_DURATION("SessionDuration must be between 900 and 43200 seconds"),
    TAG_COUNT("at most 50 session tags are allowed"),
    TAG_KEY("session tag key must be 1-128 letters, digits, spaces or _.:/=+-@"),
    TAG_KEY_PREFIX("session tag key must not start with aws:"),
    TAG_KEY_DUPLICATE("session tag keys must differ ignoring case"),
    TAG_VALUE("session tag value must be 0-256 letters, digits, spaces or _.:/=+-@"),
    TRANSITIVE_KEY("transitive tag keys must name session tags"),
    TRANSITIVE_COUNT("at most 50 transitive tag keys are allowed");

    private final String text;

    AwsRule(String text) {
        this.text = text;
    }

    /** What the rule requires, e.g. {@code RoleSessionName must match [\w+=,.@-]{2,64}}. */
    public String text() {
        return text;
    }
}
