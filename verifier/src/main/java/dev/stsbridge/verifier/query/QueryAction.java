package dev.stsbridge.verifier.query;

import java.util.Objects;

/**
 * One action of a Query API.
 *
 * @param name the action name ({@code CreateRole})
 * @param signed whether the request must be signed (SigV4); AssumeRoleWithSAML is the one that need not be
 * @param hasResult whether the response has an {@code <ActionResult>} element (Delete* and Update* often do not)
 * @param handler does the work and writes the result's members
 */
public record QueryAction(String name, boolean signed, boolean hasResult, Handler handler) {
    public QueryAction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
    }

    /** A signed action with a result. */
    public static QueryAction signed(String name, Handler handler) {
        return new QueryAction(name, true, true, handler);
    }

    /** A signed action whose response carries only {@code ResponseMetadata}. */
    public static QueryAction signedWithoutResult(String name, Handler handler) {
        return new QueryAction(name, true, false, handler);
    }

    /** Does an action: reads the call's parameters, writes the members of {@code <ActionResult>}. */
    @FunctionalInterface
    public interface Handler {
        /** @throws dev.stsbridge.verifier.AwsException with AWS's code and message on any refusal */
        void handle(ActionCall call, XmlWriter result);
    }
}
