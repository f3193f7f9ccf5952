package dev.stsbridge.idp.assertion;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An AWS sign-in (ACS) URL: the response's Destination and the bearer confirmation's Recipient. Always a real AWS
 * URL, even when the browser form posts somewhere else (the verifier in the demo), because AWS checks it.
 *
 * <p>Accepted: {@code https://signin.aws.amazon.com/saml}, {@code https://<region>.signin.aws.amazon.com/saml},
 * the China ({@code signin.amazonaws.cn}) and GovCloud ({@code signin.amazonaws-us-gov.com}) partitions with or
 * without a region, the {@code /static/saml} path, and the {@code /saml/acs/<IdP-ID>} form of providers with
 * encrypted assertions (see ../shared/AWS-SAML.md §1.3).
 *
 * @param value the URL, exactly as it will appear in the response
 */
public record AwsSignInUrl(String value) {

    private static final Pattern FORM = Pattern.compile("https://(?<region>[a-z]{2}(?:-[a-z]+)+-\\d{1,2}\\.)?"
            + "signin\\.(?:aws\\.amazon\\.com|amazonaws\\.cn|amazonaws-us-gov\\.com)"
            + "/(?:saml|static/saml|saml/acs/(?<idp>[A-Za-z0-9_-]{1,128}))");

    /** AWS's global sign-in endpoint. */
    public static final AwsSignInUrl GLOBAL = new AwsSignInUrl("https://signin.aws.amazon.com/saml");

    public AwsSignInUrl {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not an AWS sign-in URL: '" + value + "' (expected "
                    + "https://signin.aws.amazon.com/saml, https://<region>.signin.aws.amazon.com/saml, the China or "
                    + "GovCloud sign-in URL, or its /saml/acs/<IdP-ID> form)");
        }
    }

    /** Parses and checks a sign-in URL. */
    public static AwsSignInUrl of(String value) {
        return new AwsSignInUrl(value);
    }

    /** Whether this is the {@code /saml/acs/<IdP-ID>} form that AWS uses for providers with encrypted assertions. */
    public boolean acsForm() {
        return value.contains("/saml/acs/");
    }

    @Override
    public String toString() {
        return value;
    }
}
