package dev.stsbridge.verifier.query;

import java.util.Objects;

import dev.stsbridge.verifier.AwsError;

/**
 * A refusal whose wire message is AWS's fixed text (e.g. {@code InvalidInput} "Could not parse metadata") but whose
 * precise cause the operator needs: the Query handler renders the AWS error unchanged, logs the detail and sends it
 * in the {@value #HEADER} response header (visible with {@code aws --debug}).
 */
public final class DetailedRefusal extends RuntimeException {

    /** The response header that carries the detail. */
    public static final String HEADER = "X-Stsbridge-Refusal-Detail";

    private final AwsError error;
    private final String detail;

    /** The longest detail kept; the rest is cut. */
    static final int MAX_DETAIL = 300;

    /**
     * @param detail the reason; anything but printable ASCII is replaced and it is cut to {@value #MAX_DETAIL}
     *        characters, so that text taken from the request can never split the header or a log line
     */
    public DetailedRefusal(AwsError error, String detail) {
        super(error.code() + ": " + error.message() + " (" + printable(detail) + ")", null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.detail = printable(detail);
    }

    public static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DETAIL));
        for (int i = 0; i < text.length() && out.length() < MAX_DETAIL; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }

    public AwsError error() {
        return error;
    }

    public String detail() {
        return detail;
    }
}
