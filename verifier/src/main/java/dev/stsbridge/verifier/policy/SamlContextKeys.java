package dev.stsbridge.verifier.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.stsbridge.verifier.iam.IamRole;
import dev.stsbridge.verifier.saml.validation.ValidatedClaims;

/**
 * The condition keys of ../shared/AWS-SAML.md §4 for a validated assertion and a role: {@code saml:aud},
 * {@code saml:iss}, {@code saml:sub}, {@code saml:sub_type}, {@code saml:doc}, {@code saml:namequalifier}, the
 * mapped attribute keys of §3 (eduPerson/eduOrg OIDs, {@code urn:oid:2.5.4.3} -> {@code saml:cn}, the AD claim URIs
 * and the X.500 OIDs, bare or as {@code urn:oid:}; UG-A's typos and their corrected forms both map), session tags as
 * {@code aws:RequestTag/<k>} and {@code aws:TagKeys}, {@code sts:TransitiveTagKeys}, {@code sts:SourceIdentity},
 * and the role's tags as {@code aws:ResourceTag/<k>}.
 */
final class SamlContextKeys {
    private static final String EDU_PERSON = "urn:oid:1.3.6.1.4.1.5923.1.1.1.";
    private static final String EDU_ORG = "urn:oid:1.3.6.1.4.1.5923.1.2.1.";
    private static final Map<String, String> MAPPED = mapped();

    private SamlContextKeys() {
    }

    private static Map<String, String> mapped() {
        Map<String, String> m = new HashMap<>();
        String[] person = {"edupersonaffiliation", "edupersonnickname", "edupersonorgdn", "edupersonorgunitdn",
            "edupersonprimaryaffiliation", "edupersonprincipalname", "edupersonentitlement",
            "edupersonprimaryorgunitdn", "edupersonscopedaffiliation", "edupersontargetedid", "edupersonassurance"};
        for (int i = 0; i < person.length; i++) {
            m.put(EDU_PERSON + (i + 1), person[i]);
        }
        String[] org = {"eduorghomepageuri", "eduorgidentityauthnpolicyuri", "eduorglegalname", "eduorgsuperioruri",
            "eduorgwhitepagesuri"};
        for (int i = 0; i < org.length; i++) {
            m.put(EDU_ORG + (i + 2), org[i]);
        }
        m.put("urn:oid:2.5.4.3", "cn");
        String ad = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/";
        m.put(ad + "name", "name");
        m.put(ad + "givenname", "givenName");
        m.put(ad + "surname", "surname");
        m.put(ad + "emailaddress", "mail");
        m.put("http://schemas.xmlsoap.org/claims/CommonName", "commonName");
        m.put("http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid", "uid");
        x500(m, "2.5.4.3", "commonName");
        x500(m, "2.5.4.4", "surname");
        x500(m, "2.4.5.42", "givenName");
        x500(m, "2.5.4.42", "givenName");
        x500(m, "2.5.4.45", "x500UniqueIdentifier");
        x500(m, "0.9.2342.19200300100.1.1", "uid");
        x500(m, "0.9.2342.19200300100.1.3", "mail");
        x500(m, "0.9.2342.19200300.100.1.45", "organizationStatus");
        x500(m, "0.9.2342.19200300100.1.45", "organizationStatus");
        return Map.copyOf(m);
    }

    private static void x500(Map<String, String> m, String oid, String key) {
        m.put(oid, key);
        m.putIfAbsent("urn:oid:" + oid, key);
    }

    static Map<String, List<String>> of(ValidatedClaims claims, IamRole role) {
        Map<String, List<String>> keys = new HashMap<>();
        keys.put("saml:aud", List.of(claims.recipient()));
        keys.put("saml:iss", List.of(claims.issuer()));
        keys.put("saml:sub", List.of(claims.nameId()));
        keys.put("saml:sub_type", List.of(claims.subjectType()));
        keys.put("saml:doc", List.of(claims.provider().accountId() + "/" + claims.provider().name()));
        keys.put("saml:namequalifier", List.of(claims.nameQualifier()));
        claims.attributes().forEach((name, values) -> {
            String key = MAPPED.get(name);
            if (key != null && !values.isEmpty()) {
                keys.putIfAbsent("saml:" + key, values);
            }
        });
        tags(keys, claims);
        role.tags().forEach((key, value) -> keys.put("aws:resourcetag/" + key, List.of(value)));
        return keys;
    }

    private static void tags(Map<String, List<String>> keys, ValidatedClaims claims) {
        Map<String, String> tags = claims.sessionTags().tags();
        if (!tags.isEmpty()) {
            tags.forEach((key, value) -> keys.put("aws:requesttag/" + key, List.of(value)));
            keys.put("aws:tagkeys", new ArrayList<>(tags.keySet()));
        }
        if (!claims.sessionTags().transitiveTagKeys().isEmpty()) {
            keys.put("sts:transitivetagkeys", claims.sessionTags().transitiveTagKeys());
        }
        claims.sourceIdentity().ifPresent(id -> keys.put("sts:sourceidentity", List.of(id)));
    }
}
