package dev.stsbridge.app.abac;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to ask: may the person's session of {@code role} in {@code account} do {@code action} to {@code resource}?
 *
 * @param account the account ID or configured name
 * @param role the role name (with its path, if any) in that account
 * @param action an IAM action, {@code service:Action}
 * @param resource the resource ARN ({@code *} for actions without resources)
 * @param resourceTags the resource's tags, sent as {@code aws:ResourceTag/<key>}
 * @param context more context entries ({@code aws:TagKeys}, {@code aws:RequestTag/...}, ...)
 */
public record AbacRequest(String account, String role, String action, String resource,
                          Map<String, String> resourceTags, List<ContextValue> context) {
    public AbacRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        if (!action.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
            throw new IllegalArgumentException("the action must look like service:Action (e.g. s3:GetObject), was '"
                    + action + "'");
        }
        if (resource.isBlank()) {
            throw new IllegalArgumentException("the resource ARN is empty");
        }
        resourceTags = Collections.unmodifiableMap(new LinkedHashMap<>(resourceTags));
        context = List.copyOf(context);
    }
}
