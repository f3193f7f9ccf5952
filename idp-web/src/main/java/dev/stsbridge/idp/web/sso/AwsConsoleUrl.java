package dev.stsbridge.idp.web.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.stsbridge.idp.web.http.HttpError;

/**
 * The only RelayState {@code /sso/aws} passes on: a deep link into the AWS Management Console (AWS's sign-in
 * endpoint redirects there after the sign-in, so anything else would make the IdP an open redirect). Accepted:
 * {@code https} URLs on {@code console.aws.amazon.com} or a regional {@code <region>.console.aws.amazon.com}
 * (AWS General Reference, "AWS Management Console endpoints"), and the same for the China
 * ({@code console.amazonaws.cn}) and GovCloud ({@code console.amazonaws-us-gov.com}) partitions; no user info, no
 * port other than 443, no control characters, at most {@value #MAX_LENGTH} characters.
 */
public final class AwsConsoleUrl {

    static final int MAX_LENGTH = 2048;
    public static final String REFUSAL = "RelayState must be an AWS console URL such as "
            + "https://console.aws.amazon.com/s3/ (https, host console.aws.amazon.com, <region>.console.aws.amazon.com, "
            + "console.amazonaws.cn or console.amazonaws-us-gov.com)";
    private static final Pattern HOST = Pattern.compile("(?:[a-z]{2}(?:-[a-z]+)+-\\d{1,2}\\.)?"
            + "console\\.(?:aws\\.amazon\\.com|amazonaws\\.cn|amazonaws-us-gov\\.com)");

    private AwsConsoleUrl() {
    }

    /**
     * Returns {@code relayState} unchanged if it is an AWS console URL.
     *
     * @throws HttpError 400 naming what is allowed, otherwise
     */
    public static String check(String relayState) {
        if (relayState.length() > MAX_LENGTH || relayState.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw refused(relayState);
        }
        try {
            URI url = new URI(relayState);
            String host = url.getHost() == null ? "" : url.getHost();
            boolean ok = "https".equals(url.getScheme()) && url.getRawUserInfo() == null
                    && (url.getPort() == -1 || url.getPort() == 443)
                    && host.equals(host.toLowerCase(Locale.ROOT)) && HOST.matcher(host).matches();
            if (!ok) {
                throw refused(relayState);
            }
            return relayState;
        } catch (URISyntaxException e) {
            throw refused(relayState);
        }
    }

    private static HttpError refused(String relayState) {
        String shown = relayState.length() > 200 ? relayState.substring(0, 200) + "..." : relayState;
        return HttpError.badRequest(REFUSAL + "; was \"" + shown + "\".");
    }
}
