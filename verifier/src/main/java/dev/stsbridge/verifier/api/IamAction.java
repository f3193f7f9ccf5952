package dev.stsbridge.verifier.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.auth.Caller;
import dev.stsbridge.verifier.sts.SessionOrigin;
import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.iam.IamCaller;
import dev.stsbridge.verifier.iam.IamStore;
import dev.stsbridge.verifier.iam.Tag;
import dev.stsbridge.verifier.query.ActionCall;
import dev.stsbridge.verifier.query.DetailedRefusal;
import dev.stsbridge.verifier.query.QueryAction;
import dev.stsbridge.verifier.query.XmlWriter;

/**
 * What every IAM action shares: the adapter from a Query call to an IAM operation in the caller's account (a role
 * session may call what its policies allow, as the policy engine decides), and IAM's wire forms
 * (tags, URL-encoded policy documents, {@code Marker}/{@code MaxItems} pages). Used by {@link IamActions},
 * {@link IamPolicyActions} and any further group of IAM actions.
 */
public final class IamAction {

    private static final int DEFAULT_MAX_ITEMS = 100;

    private IamAction() {
    }

    /** An IAM action body: the caller's account is known. */
    @FunctionalInterface
    public interface Handler {
        void handle(IamCaller caller, ActionCall call, XmlWriter result);
    }

    /** An action with a result element; {@code resource} names the resource for an AccessDenied. */
    public static QueryAction action(String name, Handler handler, Function<ActionCall, String> resource) {
        return QueryAction.signed(name, adapt(handler, resource));
    }

    /** An action without a result element. */
    public static QueryAction noResult(String name, Handler handler, Function<ActionCall, String> resource) {
        return QueryAction.signedWithoutResult(name, adapt(handler, resource));
    }

    private static QueryAction.Handler adapt(Handler handler, Function<ActionCall, String> resource) {
        return (call, xml) -> {
            authorize(call, resource.apply(call));
            IamCaller caller = new IamCaller(call.caller().accountId(), call.caller().arn(), call.action());
            try {
                handler.handle(caller, call, xml);
            } catch (IamStore.StateNotSaved e) {
                throw new DetailedRefusal(e.error(), e.getMessage());
            }
        };
    }

    /**
     * Whether the caller may call this IAM action on {@code resource}: the root user always; an IAM user or a role
     * session when its policies allow it. Temporary credentials of GetFederationToken, and of GetSessionToken without
     * MFA, may call no IAM action at all (AWS: "You cannot call any IAM API operations ... unless MFA authentication
     * information is included"), answered as AWS does, {@code InvalidClientTokenId}.
     */
    public static void authorize(ActionCall call, String resource) {
        String action = "iam:" + call.action();
        if (call.caller() instanceof Caller.IamUser user) {
            user.authorize(action, resource);
        } else if (call.caller() instanceof Caller.RoleSession session) {
            SessionOrigin origin = session.origin();
            boolean mfa = session.session().grant().mfaAuthenticatedAt().isPresent();
            if (origin == SessionOrigin.GET_FEDERATION_TOKEN || origin == SessionOrigin.GET_SESSION_TOKEN && !mfa) {
                throw AwsError.sender("InvalidClientTokenId", "The security token included in the request is invalid",
                        403).exception();
            }
            session.authorize(action, resource);
        }
    }

    /** The name of the caller's own IAM user, when a UserName parameter is left out ({@code ValidationError} for others). */
    public static String userName(ActionCall call) {
        Optional<String> given = call.optional("UserName");
        if (given.isPresent()) {
            return given.get();
        }
        String arn = call.caller().arn();
        if (arn.startsWith("arn:aws:iam::") && arn.contains(":user/")) {
            return arn.substring(arn.lastIndexOf('/') + 1);
        }
        throw AwsError.validation("Must specify userName when calling with non-User credentials").exception();
    }

    /** The ARN of a user of the caller's account, for an AccessDenied. */
    public static String userArn(ActionCall call) {
        return "arn:aws:iam::" + call.caller().accountId() + ":user/" + call.optional("UserName").orElseGet(() -> {
            String arn = call.caller().arn();
            return arn.contains(":user/") ? arn.substring(arn.lastIndexOf('/') + 1) : "";
        });
    }

    /** The ARN of a role of the caller's account, for an AccessDenied. */
    public static String roleArn(ActionCall call, Optional<String> name) {
        return "arn:aws:iam::" + call.caller().accountId() + ":role/" + name.orElse("");
    }

    /** {@code Tags.member.N.Key} / {@code .Value}. */
    public static List<Tag> tags(ActionCall call) {
        return call.parameters().structList("Tags.member").stream()
                .map(m -> new Tag(m.getOrDefault("Key", ""), m.getOrDefault("Value", ""))).toList();
    }

    /** A Query list of strings ({@code TagKeys.member.N}). */
    public static List<String> strings(ActionCall call, String name) {
        return call.parameters().structList(name + ".member").stream().map(m -> m.getOrDefault("", "")).toList();
    }

    public static boolean bool(ActionCall call, String name) {
        return call.optional(name).map(v -> Boolean.parseBoolean(v.trim())).orElse(false);
    }

    public static void writeTags(XmlWriter xml, List<Tag> tags) {
        xml.start("Tags");
        tags.forEach(t -> xml.start("member").element("Key", t.key()).element("Value", t.value()).end());
        xml.end();
    }

    /** IAM returns policy documents URL-encoded (RFC 3986: unreserved characters kept, the rest %XX). */
    public static String rfc3986(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /**
     * Writes one page of {@code all} as the list {@code listName}, then {@code IsTruncated} and, when truncated, the
     * {@code Marker} of the next page (opaque to clients: the position, base64url).
     */
    public static <T> void page(ActionCall call, XmlWriter xml, String listName, List<T> all,
                                BiConsumer<XmlWriter, T> member) {
        int start = call.optional("Marker").map(IamAction::position).map(p -> Math.min(p, all.size())).orElse(0);
        int end = Math.min(all.size(), start + call.integer("MaxItems").orElse(DEFAULT_MAX_ITEMS));
        xml.start(listName);
        all.subList(start, end).forEach(item -> member.accept(xml, item));
        xml.end();
        xml.element("IsTruncated", end < all.size());
        if (end < all.size()) {
            xml.element("Marker", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static int position(String marker) {
        try {
            int position = Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8));
            if (position < 0) {
                throw new IllegalArgumentException("negative");
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw AwsError.sender("InvalidInput", "Invalid Marker.", 400).exception();
        }
    }
}
