package dev.stsbridge.idp.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS partition ({@code arn:<partition>:...}), derived from the sign-in URL: {@code signin.aws.amazon.com}
 * (and its regional forms) is {@code aws}, {@code signin.amazonaws.cn} is {@code aws-cn},
 * {@code signin.amazonaws-us-gov.com} is {@code aws-us-gov}.
 */
public enum AwsPartition {
    AWS("aws", "signin.aws.amazon.com", "us-east-1", "console.aws.amazon.com"),
    AWS_CN("aws-cn", "signin.amazonaws.cn", "cn-north-1", "console.amazonaws.cn"),
    AWS_US_GOV("aws-us-gov", "signin.amazonaws-us-gov.com", "us-gov-west-1", "console.amazonaws-us-gov.com");

    /** The global sign-in endpoint of the commercial partition. */
    public static final URI GLOBAL_SIGNIN_URL = URI.create("https://signin.aws.amazon.com/saml");

    private static final Pattern HOST = Pattern.compile("(?:([a-z]{2}(?:-gov)?-[a-z]+-\\d)\\.)?(signin\\..+)");
    private static final Pattern PATH = Pattern.compile("/saml|/static/saml|/saml/acs/[A-Za-z0-9_-]{1,128}");

    private final String id;
    private final String signinHost;
    private final String defaultRegion;
    private final String consoleHost;

    AwsPartition(String id, String signinHost, String defaultRegion, String consoleHost) {
        this.id = id;
        this.signinHost = signinHost;
        this.defaultRegion = defaultRegion;
        this.consoleHost = consoleHost;
    }

    /** The region whose STS answers for the partition's global sign-in endpoint. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** The host of the partition's console ({@code console.aws.amazon.com}, ...). */
    public String consoleHost() {
        return consoleHost;
    }

    /**
     * The region of an AWS SAML sign-in URL: the host's region prefix ({@code us-west-2.signin.aws.amazon.com}),
     * or the partition's {@link #defaultRegion()} for the global endpoint; empty when the URL is not a sign-in URL.
     */
    public static Optional<String> regionOfSigninUrl(URI url) {
        return ofSigninUrl(url).map(partition -> {
            Matcher host = HOST.matcher(url.getHost().toLowerCase(Locale.ROOT));
            return host.matches() && host.group(1) != null ? host.group(1) : partition.defaultRegion;
        });
    }

    /** The partition as it appears in ARNs: {@code aws}, {@code aws-cn}, {@code aws-us-gov}. */
    public String id() {
        return id;
    }

    /** The host of the partition's global sign-in endpoint. */
    public String signinHost() {
        return signinHost;
    }

    /**
     * The partition of an AWS SAML sign-in URL, or empty when the URL is not one
     * ({@code https://[<region>.]signin.<partition domain>/saml}, or {@code /saml/acs/<IdP-ID>}).
     */
    public static Optional<AwsPartition> ofSigninUrl(URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getPort() != -1
                || url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null
                || url.getRawPath() == null || !PATH.matcher(url.getRawPath()).matches()) {
            return Optional.empty();
        }
        Matcher host = HOST.matcher(url.getHost().toLowerCase(Locale.ROOT));
        if (!host.matches()) {
            return Optional.empty();
        }
        for (AwsPartition partition : values()) {
            if (partition.signinHost.equals(host.group(2))) {
                return Optional.of(partition);
            }
        }
        return Optional.empty();
    }
}
