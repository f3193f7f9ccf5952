package dev.stsbridge.verifier.api;

import static dev.stsbridge.verifier.api.IamAction.action;
import static dev.stsbridge.verifier.api.IamAction.noResult;

import java.util.List;

import dev.stsbridge.verifier.iam.IamCaller;
import dev.stsbridge.verifier.iam.OidcProvider;
import dev.stsbridge.verifier.iam.OidcProviders;
import dev.stsbridge.verifier.query.ActionCall;
import dev.stsbridge.verifier.query.QueryAction;
import dev.stsbridge.verifier.query.XmlWriter;

/**
 * IAM's OpenID Connect provider actions ({@code 2010-05-08}): reads each action's parameters, calls
 * {@link OidcProviders} in the caller's account, writes the botocore model's output shapes (GetOpenIDConnectProvider's
 * {@code Url} without {@code https://}, as IAM answers).
 */
public final class IamOidcActions {

    private static final String ARN = "OpenIDConnectProviderArn";

    private final OidcProviders providers;

    private IamOidcActions(OidcProviders providers) {
        this.providers = providers;
    }

    public static List<QueryAction> actions(OidcProviders providers) {
        IamOidcActions a = new IamOidcActions(providers);
        return List.of(
                action("CreateOpenIDConnectProvider", a::create, IamOidcActions::newArn),
                action("GetOpenIDConnectProvider", a::get, c -> c.required(ARN)),
                action("ListOpenIDConnectProviders", a::list, c -> providerArn(c, "*")),
                noResult("DeleteOpenIDConnectProvider", (caller, c, x) -> providers.delete(caller, c.required(ARN)),
                        c -> c.required(ARN)),
                noResult("AddClientIDToOpenIDConnectProvider", (caller, c, x) ->
                        providers.addClientId(caller, c.required(ARN), c.required("ClientID")), c -> c.required(ARN)),
                noResult("RemoveClientIDFromOpenIDConnectProvider", (caller, c, x) ->
                        providers.removeClientId(caller, c.required(ARN), c.required("ClientID")), c -> c.required(ARN)),
                noResult("UpdateOpenIDConnectProviderThumbprint", (caller, c, x) -> providers.updateThumbprints(
                        caller, c.required(ARN), IamAction.strings(c, "ThumbprintList")), c -> c.required(ARN)),
                noResult("TagOpenIDConnectProvider", (caller, c, x) ->
                        providers.tag(caller, c.required(ARN), IamAction.tags(c)), c -> c.required(ARN)),
                noResult("UntagOpenIDConnectProvider", (caller, c, x) -> providers.untag(caller, c.required(ARN),
                        IamAction.strings(c, "TagKeys")), c -> c.required(ARN)),
                action("ListOpenIDConnectProviderTags", a::listTags, c -> c.required(ARN)));
    }

    private static String providerArn(ActionCall call, String rest) {
        return "arn:aws:iam::" + call.caller().accountId() + ":oidc-provider/" + rest;
    }

    private static String newArn(ActionCall call) {
        String url = call.optional("Url").orElse("");
        return providerArn(call, url.startsWith("https://") ? url.substring("https://".length()) : url);
    }

    private void create(IamCaller caller, ActionCall call, XmlWriter xml) {
        OidcProvider created = providers.create(caller, new OidcProviders.NewProvider(call.required("Url"),
                IamAction.strings(call, "ClientIDList"), IamAction.strings(call, "ThumbprintList"),
                IamAction.tags(call)));
        xml.element(ARN, created.arn());
        if (!created.tags().isEmpty()) {
            IamAction.writeTags(xml, created.tags());
        }
    }

    private void get(IamCaller caller, ActionCall call, XmlWriter xml) {
        OidcProvider p = providers.get(caller, call.required(ARN));
        xml.element("Url", p.url());
        xml.start("ClientIDList");
        p.clientIds().forEach(id -> xml.element("member", id));
        xml.end().start("ThumbprintList");
        p.thumbprints().forEach(t -> xml.element("member", t));
        xml.end().element("CreateDate", p.createDate());
        IamAction.writeTags(xml, p.tags());
    }

    private void list(IamCaller caller, ActionCall call, XmlWriter xml) {
        xml.start("OpenIDConnectProviderList");
        providers.list(caller).forEach(p -> xml.start("member").element("Arn", p.arn()).end());
        xml.end();
    }

    private void listTags(IamCaller caller, ActionCall call, XmlWriter xml) {
        IamAction.page(call, xml, "Tags", providers.get(caller, call.required(ARN)).tags(),
                (out, t) -> out.start("member").element("Key", t.key()).element("Value", t.value()).end());
    }
}
