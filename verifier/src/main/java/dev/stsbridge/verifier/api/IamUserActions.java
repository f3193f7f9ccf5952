package dev.stsbridge.verifier.api;

import static dev.stsbridge.verifier.api.IamAction.action;
import static dev.stsbridge.verifier.api.IamAction.noResult;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.stsbridge.verifier.iam.AccessKeys;
import dev.stsbridge.verifier.iam.IamCaller;
import dev.stsbridge.verifier.iam.IamUser;
import dev.stsbridge.verifier.iam.ManagedPolicy;
import dev.stsbridge.verifier.iam.MfaDevice;
import dev.stsbridge.verifier.iam.UserEntry;
import dev.stsbridge.verifier.iam.UserPolicies;
import dev.stsbridge.verifier.iam.Users;
import dev.stsbridge.verifier.query.ActionCall;
import dev.stsbridge.verifier.query.QueryAction;
import dev.stsbridge.verifier.query.XmlWriter;

/**
 * IAM's user actions in the botocore model's shapes: users and their tags ({@link Users}), their inline and attached
 * policies ({@link UserPolicies}), access keys ({@link AccessKeys}; the secret only in CreateAccessKey's answer) and
 * virtual MFA devices ({@link dev.stsbridge.verifier.iam.MfaDevices}; {@code Base32StringSeed} only in
 * CreateVirtualMFADevice's answer, a blob, so base64 of the Base32 text on the wire). Actions whose {@code UserName}
 * is optional act on the calling IAM user when it is left out.
 */
public final class IamUserActions {

    private final Users users;
    private final UserPolicies policies;
    private final AccessKeys keys;
    private final dev.stsbridge.verifier.iam.MfaDevices mfa;

    private IamUserActions(Users users, UserPolicies policies, AccessKeys keys,
                           dev.stsbridge.verifier.iam.MfaDevices mfa) {
        this.users = users;
        this.policies = policies;
        this.keys = keys;
        this.mfa = mfa;
    }

    public static List<QueryAction> actions(Users users, UserPolicies policies, AccessKeys keys,
                                            dev.stsbridge.verifier.iam.MfaDevices mfa) {
        IamUserActions a = new IamUserActions(users, policies, keys, mfa);
        return List.of(
                action("CreateUser", a::createUser, IamAction::userArn),
                action("GetUser", a::getUser, IamAction::userArn),
                noResult("DeleteUser", a::deleteUser, IamAction::userArn),
                action("ListUsers", a::listUsers, c -> "arn:aws:iam::" + c.caller().accountId() + ":user/"),
                noResult("TagUser", a::tagUser, IamAction::userArn),
                noResult("UntagUser", a::untagUser, IamAction::userArn),
                action("ListUserTags", a::listUserTags, IamAction::userArn),
                noResult("PutUserPolicy", a::putUserPolicy, IamAction::userArn),
                action("GetUserPolicy", a::getUserPolicy, IamAction::userArn),
                noResult("DeleteUserPolicy", a::deleteUserPolicy, IamAction::userArn),
                action("ListUserPolicies", a::listUserPolicies, IamAction::userArn),
                noResult("AttachUserPolicy", a::attachUserPolicy, IamAction::userArn),
                noResult("DetachUserPolicy", a::detachUserPolicy, IamAction::userArn),
                action("ListAttachedUserPolicies", a::listAttachedUserPolicies, IamAction::userArn),
                action("CreateAccessKey", a::createAccessKey, IamAction::userArn),
                noResult("DeleteAccessKey", a::deleteAccessKey, IamAction::userArn),
                noResult("UpdateAccessKey", a::updateAccessKey, IamAction::userArn),
                action("ListAccessKeys", a::listAccessKeys, IamAction::userArn),
                action("CreateVirtualMFADevice", a::createVirtualMfaDevice, c -> "arn:aws:iam::"
                        + c.caller().accountId() + ":mfa" + c.optional("Path").orElse("/")
                        + c.optional("VirtualMFADeviceName").orElse("")),
                noResult("EnableMFADevice", a::enableMfaDevice, IamAction::userArn),
                noResult("DeactivateMFADevice", a::deactivateMfaDevice, IamAction::userArn),
                noResult("DeleteVirtualMFADevice", a::deleteVirtualMfaDevice, c -> c.optional("SerialNumber")
                        .orElse("")),
                action("ListMFADevices", a::listMfaDevices, IamAction::userArn),
                action("ListVirtualMFADevices", a::listVirtualMfaDevices,
                        c -> "arn:aws:iam::" + c.caller().accountId() + ":mfa/"));
    }

    private void createUser(IamCaller caller, ActionCall call, XmlWriter xml) {
        UserEntry entry = users.create(caller, new Users.NewUser(call.required("UserName"), call.optional("Path"),
                call.optional("PermissionsBoundary"), IamAction.tags(call)));
        writeUser(xml, "User", entry, true);
    }

    /** GetUser: the named user, or the caller's own; the root user as AWS answers it (UserId = account, no name). */
    private void getUser(IamCaller caller, ActionCall call, XmlWriter xml) {
        if (call.optional("UserName").isEmpty() && caller.arn().endsWith(":root")) {
            xml.start("User").element("UserId", caller.accountId()).element("Arn", caller.arn()).end();
            return;
        }
        writeUser(xml, "User", users.get(caller, IamAction.userName(call)), true);
    }

    private void deleteUser(IamCaller caller, ActionCall call, XmlWriter xml) {
        users.delete(caller, call.required("UserName"));
    }

    private void listUsers(IamCaller caller, ActionCall call, XmlWriter xml) {
        IamAction.page(call, xml, "Users", users.list(caller, call.optional("PathPrefix")),
                (out, u) -> writeUser(out, "member", u, false));
    }

    private void tagUser(IamCaller caller, ActionCall call, XmlWriter xml) {
        users.tag(caller, call.required("UserName"), IamAction.tags(call));
    }

    private void untagUser(IamCaller caller, ActionCall call, XmlWriter xml) {
        users.untag(caller, call.required("UserName"), IamAction.strings(call, "TagKeys"));
    }

    private void listUserTags(IamCaller caller, ActionCall call, XmlWriter xml) {
        IamAction.page(call, xml, "Tags", users.get(caller, call.required("UserName")).tags(),
                (out, t) -> out.start("member").element("Key", t.key()).element("Value", t.value()).end());
    }

    private void putUserPolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        policies.put(caller, call.required("UserName"), call.required("PolicyName"), call.required("PolicyDocument"));
    }

    private void getUserPolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        String user = users.get(caller, call.required("UserName")).user().name();
        var policy = policies.get(caller, user, call.required("PolicyName"));
        xml.element("UserName", user).element("PolicyName", policy.name())
                .element("PolicyDocument", IamAction.rfc3986(policy.document()));
    }

    private void deleteUserPolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        policies.delete(caller, call.required("UserName"), call.required("PolicyName"));
    }

    private void listUserPolicies(IamCaller caller, ActionCall call, XmlWriter xml) {
        IamAction.page(call, xml, "PolicyNames", policies.inline(caller, call.required("UserName")),
                (out, p) -> out.element("member", p.name()));
    }

    private void attachUserPolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        policies.attach(caller, call.required("UserName"), call.required("PolicyArn"));
    }

    private void detachUserPolicy(IamCaller caller, ActionCall call, XmlWriter xml) {
        policies.detach(caller, call.required("UserName"), call.required("PolicyArn"));
    }

    private void listAttachedUserPolicies(IamCaller caller, ActionCall call, XmlWriter xml) {
        List<ManagedPolicy> attached = policies.attached(caller, call.required("UserName"),
                call.optional("PathPrefix"));
        IamAction.page(call, xml, "AttachedPolicies", attached, (out, p) -> out.start("member")
                .element("PolicyName", p.name()).element("PolicyArn", p.arn()).end());
    }

    private void createAccessKey(IamCaller caller, ActionCall call, XmlWriter xml) {
        AccessKeys.UserKey created = keys.create(caller, IamAction.userName(call));
        xml.start("AccessKey").element("UserName", created.userName())
                .element("AccessKeyId", created.key().accessKeyId())
                .element("Status", created.key().status())
                .element("SecretAccessKey", created.key().secretAccessKey())
                .element("CreateDate", created.key().createDate()).end();
    }

    private void deleteAccessKey(IamCaller caller, ActionCall call, XmlWriter xml) {
        keys.delete(caller, IamAction.userName(call), call.required("AccessKeyId"));
    }

    private void updateAccessKey(IamCaller caller, ActionCall call, XmlWriter xml) {
        keys.update(caller, IamAction.userName(call), call.required("AccessKeyId"),
                "Active".equals(call.required("Status")));
    }

    private void listAccessKeys(IamCaller caller, ActionCall call, XmlWriter xml) {
        IamAction.page(call, xml, "AccessKeyMetadata", keys.list(caller, IamAction.userName(call)),
                (out, k) -> out.start("member").element("UserName", k.userName())
                        .element("AccessKeyId", k.key().accessKeyId()).element("Status", k.key().status())
                        .element("CreateDate", k.key().createDate()).end());
    }

    private void createVirtualMfaDevice(IamCaller caller, ActionCall call, XmlWriter xml) {
        MfaDevice device = mfa.createVirtual(caller, call.required("VirtualMFADeviceName"), call.optional("Path"));
        xml.start("VirtualMFADevice").element("SerialNumber", device.serialNumber())
                .element("Base32StringSeed", Base64.getEncoder().encodeToString(
                        device.seed().getBytes(StandardCharsets.US_ASCII)))
                .end();
    }

    private void enableMfaDevice(IamCaller caller, ActionCall call, XmlWriter xml) {
        mfa.enable(caller, call.required("UserName"), call.required("SerialNumber"),
                call.required("AuthenticationCode1"), call.required("AuthenticationCode2"));
    }

    private void deactivateMfaDevice(IamCaller caller, ActionCall call, XmlWriter xml) {
        mfa.deactivate(caller, IamAction.userName(call), call.required("SerialNumber"));
    }

    private void deleteVirtualMfaDevice(IamCaller caller, ActionCall call, XmlWriter xml) {
        mfa.deleteVirtual(caller, call.required("SerialNumber"));
    }

    private void listMfaDevices(IamCaller caller, ActionCall call, XmlWriter xml) {
        IamAction.page(call, xml, "MFADevices", mfa.enabledFor(caller, IamAction.userName(call)),
                (out, d) -> out.start("member").element("UserName", d.userName().orElseThrow())
                        .element("SerialNumber", d.serialNumber())
                        .element("EnableDate", d.enableDate().orElseThrow()).end());
    }

    private void listVirtualMfaDevices(IamCaller caller, ActionCall call, XmlWriter xml) {
        Optional<String> status = call.optional("AssignmentStatus");
        List<MfaDevice> devices = mfa.virtualDevices(caller).stream()
                .filter(d -> status.isEmpty() || "Any".equals(status.get())
                        || "Assigned".equals(status.get()) == d.enabled()).toList();
        IamAction.page(call, xml, "VirtualMFADevices", devices, (out, d) -> {
            out.start("member").element("SerialNumber", d.serialNumber());
            d.enableDate().ifPresent(at -> out.element("EnableDate", at));
            out.end();
        });
    }

    private static void writeUser(XmlWriter xml, String element, UserEntry entry, boolean full) {
        IamUser u = entry.user();
        xml.start(element).element("Path", u.path()).element("UserName", u.name()).element("UserId", u.userId())
                .element("Arn", u.arn()).element("CreateDate", u.createDate());
        if (full) {
            entry.permissionsBoundary().ifPresent(arn -> xml.start("PermissionsBoundary")
                    .element("PermissionsBoundaryType", "Policy").element("PermissionsBoundaryArn", arn).end());
            if (!entry.tags().isEmpty()) {
                IamAction.writeTags(xml, entry.tags());
            }
        }
        xml.end();
    }
}
