package dev.stsbridge.idp.claims;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.stsbridge.idp.directory.DirectoryUser;

/** Directory users built by hand for claims and rules tests (the directory itself is tested elsewhere). */
final class TestUsers {

    static final String GROUPS = ",ou=groups,dc=example,dc=com";

    private TestUsers() {
    }

    static DirectoryUser user(String name, Map<String, List<String>> attributes, String... groupCns) {
        Set<String> groups = new java.util.LinkedHashSet<>();
        for (String cn : groupCns) {
            groups.add(cn.contains("=") ? cn : "cn=" + cn + GROUPS);
        }
        return new DirectoryUser(name, "uid=" + name + ",ou=people,dc=example,dc=com", "id-of-" + name, attributes,
                groups);
    }

    static DirectoryUser alice() {
        return user("alice", Map.of("uid", List.of("alice"), "mail", List.of("alice@example.com"),
                "departmentNumber", List.of("engineering"), "ou", List.of("platform")),
                "aws-prod-admin", "aws-dev-developer", "staff");
    }
}
