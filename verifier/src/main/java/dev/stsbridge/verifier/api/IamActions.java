package dev.stsbridge.verifier.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.auth.Caller;
import dev.stsbridge.verifier.iam.AssertionEncryptionMode;
import dev.stsbridge.verifier.iam.IamCaller;
import dev.stsbridge.verifier.iam.IamRole;
import dev.stsbridge.verifier.iam.IamStore;
import dev.stsbridge.verifier.iam.ProviderEntry;
import dev.stsbridge.verifier.iam.RoleEntry;
import dev.stsbridge.verifier.iam.Roles;
import dev.stsbridge.verifier.iam.SamlProvider;
import dev.stsbridge.verifier.iam.SamlProviders;
import dev.stsbridge.verifier.iam.Tag;
import dev.stsbridge.verifier.query.ActionCall;
import dev.stsbridge.verifier.query.ApiModel;
import dev.stsbridge.verifier.query.DetailedRefusal;
import dev.stsbridge.verifier.query.QueryAction;
import dev.stsbridge.verifier.query.QueryService;
import dev.stsbridge.verifier.query.XmlWriter;
import dev.stsbridge.verifier.simulator.PolicySimulator;

/**
 * The IAM Query API ({@code 2010-05-08}) subset the verifier serves: reads each action's parameters, calls
 * {@link SamlProviders} or {@link Roles} in the caller's account, writes the result in IAM's shapes (the botocore
 * model's output shapes, and what AWS returns as recorded: CreateRole's {@code Role} without MaxSessionDuration,
 * GetRole's with MaxSessionDuration and an empty RoleLastUsed, policy documents URL-encoded as RFC 3986).
 * Temporary credentials get {@code AccessDenied}: roles here carry no permission policies, so a role session may call
 * no IAM action.
 */
public final class IamActions {

    public static final String VERSION = "2010-05-08";
    public static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final SamlProviders providers;
    private final Roles roles;

    private IamActions(SamlProviders providers, Roles roles) {
        this.providers = providers;
        this.roles = roles;
    }

    public static QueryService service(SamlProviders providers, Roles roles, PolicySimulator simulator,
                                       ApiModel model) {
        IamActions a = new IamActions(providers, roles);
        List<QueryAction> actions = new java.util.ArrayList<>(SimulatorActions.actions(simulator));
        actions.addAll(List.of(
                action("CreateSAMLProvider", a::createSamlProvider, c -> providerArn(c, c.optional("Name"))),
                action("GetSAMLProvider", a::getSamlProvider, c -> c.required("SAMLProviderArn")),
                action("ListSAMLProviders", a::listSamlProviders, c -> providerArn(c, Optional.of("*"))),
                action("UpdateSAMLProvider", a::updateSamlProvider, c -> c.required("SAMLProviderArn")),
                noResult("DeleteSAMLProvider", a::deleteSamlProvider, c -> c.required("SAMLProviderArn")),
                action("CreateRole", a::createRole, c -> roleArn(c, c.optional("RoleName"))),
                action("GetRole", a::getRole, c -> roleArn(c, c.optional("RoleName"))),
                noResult("UpdateAssumeRolePolicy", a::updateAssumeRolePolicy, c -> roleArn(c, c.optional("RoleName"))),
                noResult("DeleteRole", a::deleteRole, c -> roleArn(c, c.optional("RoleName"))),
                action("ListRoles", a::listRoles, c -> roleArn(c, Optional.empty()))));
        return QueryService.of("iam", VERSION, NAMESPACE, model, actions);
    }

    /** An IAM action body: the caller's account is known. */
    @FunctionalInterface
    private interface IamHandler {
        void handle(IamCaller caller, ActionCall call, XmlWriter result);
    }

    private static QueryAction action(String name, IamHandler handler, Function<ActionCall, String> resource) {
        return QueryAction.signed(name, adapt(handler, resource));
    }

    private static QueryAction noResult(String name, IamHandler handler, Function<ActionCall, String> resource) {
        return QueryAction.signedWithoutResult(name, adapt(handler, resource));
    }

    private static QueryAction.Handler adapt(IamHandler handler, Function<ActionCall, String> resource) {
        return (call, xml) -> {
            if (call.caller() instanceof Caller.RoleSession session) {
                throw AwsError.accessDenied("User: " + session.arn() + " is not authorized to perform: iam:"
                        + call.action() + " on resource: " + resource.apply(call)
                        + " because no identity-based policy allows the iam:" + call.action() + " action").exception();
            }
            IamCaller caller = new IamCaller(call.caller().accountId(), call.caller().arn(), call.action());
            try {
                handler.handle(caller, call, xml);
            } catch (IamStore.StateNotSaved e) {
                throw new DetailedRefusal(e.error(), e.getMessage());
            }
        };
    }

    private static String providerArn(ActionCall call, Optional<String> name) {
        return "arn:aws:iam::" + call.caller().accountId() + ":saml-provider/" + name.orElse("");
    }

    private static String roleArn(ActionCall call, Optional<String> name) {
        return "arn:aws:iam::" + call.caller().accountId() + ":role/" + name.orElse("");
    }

    private void createSamlProvider(IamCaller caller, ActionCall call, XmlWriter xml) {
        ProviderEntry entry = providers.create(caller, new SamlProviders.NewProvider(call.required("Name"),
                call.required("SAMLMetadataDocument"), tags(call), mode(call), call.optional("AddPrivateKey")));
        xml.element("SAMLProviderArn", entry.provider().arn());
        if (!entry.tags().isEmpty()) {
            writeTags(xml, entry.tags());
        }
    }

    private void getSamlProvider(IamCaller caller, ActionCall call, XmlWriter xml) {
        ProviderEntry entry = providers.get(caller, call.required("SAMLProviderArn"));
        SamlProvider p = entry.provider();
        xml.element("SAMLProviderUUID", p.uuid())
                .element("SAMLMetadataDocument", p.metadataDocument())
                .element("CreateDate", p.createDate())
                .element("ValidUntil", p.validUntil());
        writeTags(xml, entry.tags());
        xml.element("AssertionEncryptionMode", p.encryptionMode().name());
        xml.start("PrivateKeyList");
        p.privateKeys().forEach(k -> xml.start("member").element("KeyId", k.keyId())
                .element("Timestamp", k.timestamp()).end());
        xml.end();
    }

    private void listSamlProviders(IamCaller caller, ActionCall call, XmlWriter xml) {
        xml.start("SAMLProviderList");
        for (ProviderEntry entry : providers.list(caller)) {
            xml.start("member").element("Arn", entry.provider().arn())
                    .element("ValidUntil", entry.provider().validUntil())
                    .element("CreateDate", entry.provider().createDate()).end();
        }
        xml.end();
    }

    private void updateSamlProvider(IamCaller caller, ActionCall call, XmlWriter xml) {
        ProviderEntry entry = providers.update(caller, new SamlProviders.ProviderUpdate(
                call.required("SAMLProviderArn"), call.optional("SAMLMetadataDocument"), mode(call),
                call.optional("AddPrivateKey"), call.optional("RemovePrivateKey")));
        xml.element("SAMLProviderArn", entry.provider().arn());
    }

    private void deleteSamlProvider(IamCaller caller, ActionCall call, XmlWriter xml) {
        providers.delete(caller, call.required("SAMLProviderArn"));
    }

    private void createRole(IamCaller caller, ActionCall call, XmlWriter xml) {
        RoleEntry entry = roles.create(caller, new Roles.NewRole(call.required("RoleName"), call.optional("Path"),
                call.required("AssumeRolePolicyDocument"), call.optional("Description"),
                call.integer("MaxSessionDuration"), call.optional("PermissionsBoundary"), tags(call)));
        writeRole(xml, entry, RoleView.CREATED);
    }

    private void getRole(IamCaller caller, ActionCall call, XmlWriter xml) {
        writeRole(xml, roles.get(caller, call.required("RoleName")), RoleView.GET);
    }

    private void updateAssumeRolePolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        roles.updateAssumeRolePolicy(caller, call.required("RoleName"), call.required("PolicyDocument"));
    }

    private void deleteRole(IamCaller caller, ActionCall call, XmlWriter xml) {
        roles.delete(caller, call.required("RoleName"));
    }

    private void listRoles(IamCaller caller, ActionCall call, XmlWriter xml) {
        List<RoleEntry> all = roles.list(caller, call.optional("PathPrefix"));
        int start = call.optional("Marker").map(IamActions::lastListedName).map(m -> firstAfter(all, m)).orElse(0);
        int end = Math.min(all.size(), start + call.integer("MaxItems").orElse(100));
        xml.start("Roles");
        all.subList(start, end).forEach(r -> writeRole(xml, r, RoleView.LISTED));
        xml.end();
        xml.element("IsTruncated", end < all.size());
        if (end < all.size()) {
            xml.element("Marker", marker(all.get(end - 1).role().name()));
        }
    }

    private enum RoleView { CREATED, GET, LISTED }

    private static void writeRole(XmlWriter xml, RoleEntry entry, RoleView view) {
        IamRole r = entry.role();
        boolean member = view == RoleView.LISTED;
        xml.start(member ? "member" : "Role")
                .element("Path", r.path()).element("RoleName", r.name()).element("RoleId", r.roleId())
                .element("Arn", r.arn()).element("CreateDate", r.createDate())
                .element("AssumeRolePolicyDocument", rfc3986(r.assumeRolePolicyDocument()));
        if (view != RoleView.CREATED) {
            entry.description().ifPresent(d -> xml.element("Description", d));
            xml.element("MaxSessionDuration", r.maxSessionDurationSeconds());
        }
        if (view == RoleView.GET) {
            xml.empty("RoleLastUsed");
        }
        if (view != RoleView.LISTED && !entry.tags().isEmpty()) {
            writeTags(xml, entry.tags());
        }
        xml.end();
    }

    private static void writeTags(XmlWriter xml, List<Tag> tags) {
        xml.start("Tags");
        tags.forEach(t -> xml.start("member").element("Key", t.key()).element("Value", t.value()).end());
        xml.end();
    }

    private static List<Tag> tags(ActionCall call) {
        return call.parameters().structList("Tags.member").stream()
                .map(m -> new Tag(m.getOrDefault("Key", ""), m.getOrDefault("Value", ""))).toList();
    }

    private static Optional<AssertionEncryptionMode> mode(ActionCall call) {
        return call.optional("AssertionEncryptionMode").map(AssertionEncryptionMode::valueOf);
    }

    /** IAM returns policy documents URL-encoded (RFC 3986: unreserved characters kept, the rest %XX). */
    static String rfc3986(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** ListRoles markers: the last listed role name, opaque to clients (base64url). */
    private static String marker(String roleName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(roleName.getBytes(StandardCharsets.UTF_8));
    }

    private static String lastListedName(String marker) {
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AwsError.sender("InvalidInput", "Invalid Marker.", 400).exception();
        }
    }

    private static int firstAfter(List<RoleEntry> roles, String lastName) {
        for (int i = 0; i < roles.size(); i++) {
            if (roles.get(i).role().name().compareToIgnoreCase(lastName) > 0) {
                return i;
            }
        }
        return roles.size();
    }
}
