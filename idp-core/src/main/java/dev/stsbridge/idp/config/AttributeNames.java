package dev.stsbridge.idp.config;

import java.util.regex.Pattern;

/** LDAP attribute descriptions as RFC 4512 allows them: a name ({@code mail}) or an OID, with options. */
final class AttributeNames {

    private static final Pattern NAME = Pattern.compile("([A-Za-z][A-Za-z0-9-]*|\\d+(\\.\\d+)+)(;[A-Za-z0-9-]+)*");

    private AttributeNames() {
    }

    static String check(String name, String key) {
        String n = ConfigChecks.requiredText(name, key);
        if (!NAME.matcher(n).matches()) {
            throw new InvalidConfigValueException(key, "must be an LDAP attribute name, was " + ConfigChecks.quote(n));
        }
        return n;
    }

    static boolean isValid(String name) {
        return NAME.matcher(name).matches();
    }
}
