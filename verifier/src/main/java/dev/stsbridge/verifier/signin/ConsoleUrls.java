package dev.stsbridge.verifier.signin;

import java.util.regex.Pattern;

/**
 * What counts as an AWS console URL, for the SAML RelayState and the federation endpoint's {@code Destination}:
 * {@code https://[<region>.]console.aws.amazon.com}, {@code console.amazonaws-us-gov.com} or
 * {@code console.amazonaws.cn}, with any path and query and no white space.
 */
public final class ConsoleUrls {
    private static final Pattern CONSOLE_URL = Pattern.compile(
            "https://(?:[a-z0-9-]+\\.)?console\\.(?:aws\\.amazon\\.com|amazonaws-us-gov\\.com|amazonaws\\.cn)(?:[/?#]\\S*)?");

    private ConsoleUrls() {
    }

    public static boolean isConsoleUrl(String url) {
        return CONSOLE_URL.matcher(url).matches();
    }
}
