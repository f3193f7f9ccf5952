package dev.stsbridge.idp.config;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StsbridgeConfigDemoTest {
    static final String BASE = """
            entity-id: https://idp.example.com/saml
            base-url: https://idp.example.com
            directory:
              embedded:
                ldif: classpath:dev/stsbridge/idp/demo/demo.ldif
              base-dn: dc=example,dc=com
            aws:
              accounts:
                - id: "111122223333"
                  name: prod
                  provider-name: stsbridge
                - id: 1234
                  name: dev
                  provider-name: stsbridge
            """;
    void t(String y) {
        try { StsbridgeConfig.parse(y, "stsbridge.yaml", Path.of("")); System.out.println("OK"); }
        catch (Exception e) { System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage()); }
    }
    @Test
    void demoLoads() {
        t(BASE.replace("1234", "\"123456789012\"").replace("base-dn", "bse-dn"));
        t(BASE.replace("1234", "\"123456789012\"").replace("  embedded:\n    ldif: classpath:dev/stsbridge/idp/demo/demo.ldif\n", "  ldap:\n    urls: [ldaps://ldap.example.com]\n    bind-dn: cn=x\n    bind-password: {env: X, fil: y}\n"));
        t(BASE.replace("1234", "\"123456789012\"").replace("  embedded:\n    ldif: classpath:dev/stsbridge/idp/demo/demo.ldif\n", "  ldap:\n    urls: [ldaps://ldap.example.com]\n    bind-dn: cn=x\n    bind-password: {env: X}\n"));
        t(BASE.replace("1234", "\"123456789012\"") + "  session-tags:\n    - key: a\n      value: b\n    - key: A\n      attribute: ou\n");
        t(BASE.replace("1234", "\"123456789012\"") + "  session-tags:\n    - key: a\n      valu: b\n");
        t(BASE.replace("1234", "\"123456789012\"") + "  role-session-name: \"{mail\"\n");
        t("");
        t("- a\n");
    }
}
