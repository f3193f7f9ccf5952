package dev.stsbridge.verifier.federation;

import java.util.Optional;

import dev.stsbridge.verifier.signin.ConsoleUrls;

/**
 * {@code login}'s {@code Destination}: an AWS console URL (the rule the SAML sign-in applies to RelayState), kept
 * with the console session. Absent: the console home page. Anything else: "Invalid Destination parameter".
 */
final class ConsoleDestination {
    private ConsoleDestination() {
    }

    static Optional<String> validate(Optional<String> destination) {
        if (destination.isPresent() && !ConsoleUrls.isConsoleUrl(destination.get())) {
            throw FederationRefusal.invalid("Destination").exception();
        }
        return destination;
    }
}
