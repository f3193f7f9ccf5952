package dev.stsbridge.verifier.saml.validation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS's sign-in (ACS) URLs, accepted as Recipient and Audience (../shared/AWS-SAML.md §0, §1.3): the global and
 * regional {@code /saml} endpoints of the aws, aws-cn and aws-us-gov partitions, {@code /static/saml}, and the
 * {@code /saml/acs/<IdP-ID>} form of encrypting providers. Audience may also be the SP entity ID
 * {@code urn:amazon:webservices}.
 */
final class AwsSignInUrls {
    static final String SP_ENTITY_ID = "urn:amazon:webservices";
    private static final Pattern URL = Pattern.compile(
            "https://(?:[a-z]{2}(?:-[a-z]+)+-\\d{1,2}\\.)?signin\\.(?:aws\\.amazon\\.com|amazonaws\\.cn"
                    + "|amazonaws-us-gov\\.com)(?:/saml|/static/saml|/saml/acs/([A-Z0-9]{22,64}))");

    private AwsSignInUrls() {
    }

    /** Whether {@code url} is a sign-in URL of this provider (an ACS URL must carry the provider's IdP-ID). */
    static boolean isSignInUrl(String url, String providerUuid) {
        Matcher matcher = URL.matcher(url);
        return matcher.matches() && (matcher.group(1) == null || matcher.group(1).equals(providerUuid));
    }

    /** Whether {@code url} is the {@code /saml/acs/<IdP-ID>} URL of this provider. */
    static boolean isAcsUrl(String url, String providerUuid) {
        return acsId(url).filter(providerUuid::equals).isPresent();
    }

    /** Whether {@code audience} is one AWS accepts. */
    static boolean isAudience(String audience, String providerUuid) {
        return SP_ENTITY_ID.equals(audience) || isSignInUrl(audience, providerUuid);
    }

    private static Optional<String> acsId(String url) {
        Matcher matcher = URL.matcher(url);
        return matcher.matches() ? Optional.ofNullable(matcher.group(1)) : Optional.empty();
    }
}
