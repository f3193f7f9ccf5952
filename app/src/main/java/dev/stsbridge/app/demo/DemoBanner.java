package dev.stsbridge.app.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code stsbridge demo} prints once it is ready: where to sign in, the demo users and what each sees, the
 * metadata URL, the accounts with their SAML provider, roles and access keys, and {@code aws} CLI commands that work
 * against the AWS model as printed (copy-paste).
 */
public final class DemoBanner {

    private static final String ASSERTION = "./stsbridge assertion --demo --user alice --account prod --role Admin";
    private static final String ABAC = "./stsbridge abac --demo --user alice --account prod --role Admin";

    private DemoBanner() {
    }

    /** @param dataDir the data directory as the user gave it (for the commands printed) */
    public static void print(PrintWriter out, Demo demo, Path dataDir) {
        out.println("stsbridge demo: the IdP and a local model of AWS's side are running (data in " + dataDir + ")");
        out.println();
        out.println("  Sign in:    " + demo.loginUrl());
        out.println("  Metadata:   " + demo.metadataUrl() + "  (the IdP's signed SAML metadata)");
        out.println("  AWS model:  " + demo.awsEndpoint() + "  (IAM, STS and the console sign-in, for aws --endpoint-url)");
        out.println("  OIDC:       " + demo.oidcIssuer() + "  (OpenID Connect issuer, self-signed HTTPS; public client "
                + "stsbridge-demo)");
        out.println("              TLS certificate SHA-1 thumbprint " + demo.oidcThumbprint()
                + "  (IAM --thumbprint-list)");
        out.println();
        out.println("Demo users (username / password):");
        out.println("  alice / wonderland  Admin in prod (111122223333) and Developer in dev (444455556666): the portal");
        out.println("                      lists both; the AWS console page shows her role, session tags");
        out.println("                      department=engineering, team=platform and SourceIdentity alice");
        out.println("  bob   / builder     one role, ReadOnly in dev (444455556666): straight to the console");
        out.println("  carol / chocolate   no AWS role: the portal says so");
        out.println();
        out.println("AWS accounts (SAML provider, roles that trust it, access keys for SigV4):");
        for (AccountSetup account : demo.accounts()) {
            out.println("  " + account.accountId() + " (" + account.accountName() + ")  " + account.providerArn() + " ("
                    + (account.providerCreated() ? "created" : "metadata updated") + ")");
            out.println("      roles: " + String.join(", ", roleNames(account)));
            out.println("      keys:  " + account.accessKeyId() + " / " + account.secretAccessKey());
        }
        printCommands(out, demo, dataDir);
        printWebIdentity(out, demo, dataDir);
    }

    /** The OpenID Connect provider in each account, who may assume which role with an ID token, and how. */
    private static void printWebIdentity(PrintWriter out, Demo demo, Path dataDir) {
        out.println();
        out.println("Web identity (the IdP's ID tokens for client " + WebIdentityRegistration.CLIENT_ID
                + ", README \"OpenID Connect (web identity)\"):");
        for (WebIdentityRegistration.Setup setup : demo.webIdentity().accounts()) {
            out.println("  " + setup.providerArn());
            setup.people().forEach((role, people) -> out.println("      " + role.substring(role.indexOf(":role/") + 6)
                    + ": " + (people.isEmpty() ? "nobody" : String.join(", ", people))));
        }
        String placement = (dataDir.normalize().equals(Path.of("data")) ? "" : " --data-dir " + dataDir)
                + (demo.oidcIssuer().getPort() == DemoSettings.DEFAULT_OIDC_PORT ? "" : " --issuer "
                        + demo.oidcIssuer());
        out.println("  ./stsbridge token --demo" + placement + " --out id_token.jwt   (open the URL it prints, "
                + "sign in as alice)");
        out.println("  aws --endpoint-url " + demo.awsEndpoint() + " sts assume-role-with-web-identity --role-arn "
                + roleArn(demo.accounts().get(0), "Admin") + " --role-session-name alice"
                + " --web-identity-token file://id_token.jwt --no-sign-request");
        DemoCognitoPool.Pool pool = demo.webIdentity().pool();
        out.println("  Cognito identity pool " + pool.id() + " (" + DemoCognitoPool.POOL_NAME + "), authenticated role "
                + pool.roleArn() + ":");
        String logins = "--logins \"{\\\"" + demo.oidcIssuer().getAuthority() + "\\\":\\\"$(cat id_token.jwt)\\\"}\"";
        out.println("  ID=$(aws --endpoint-url " + demo.awsEndpoint() + " cognito-identity get-id --identity-pool-id "
                + pool.id() + " " + logins + " --query IdentityId --output text --no-sign-request)");
        out.println("  aws --endpoint-url " + demo.awsEndpoint() + " cognito-identity get-credentials-for-identity "
                + "--identity-id $ID " + logins + " --no-sign-request");
    }

    private static void printCommands(PrintWriter out, Demo demo, Path dataDir) {
        AccountSetup first = demo.accounts().get(0);
        String env = "AWS_ACCESS_KEY_ID=" + first.accessKeyId() + " AWS_SECRET_ACCESS_KEY=" + first.secretAccessKey()
                + " AWS_DEFAULT_REGION=us-east-1";
        String aws = "aws --endpoint-url " + demo.awsEndpoint();
        String placement = (dataDir.normalize().equals(Path.of("data")) ? "" : " --data-dir " + dataDir)
                + (demo.idpUrl().getPort() == DemoSettings.DEFAULT_IDP_PORT ? "" : " --base-url " + demo.idpUrl());
        String assertion = ASSERTION + placement;
        String abac = ABAC + placement
                + (demo.awsEndpoint().getPort() == DemoSettings.DEFAULT_AWS_PORT ? "" : " --aws-endpoint "
                        + demo.awsEndpoint());
        out.println();
        out.println("Try the AWS CLI against it (the " + first.accountName() + " account's keys):");
        out.println("  " + env + " " + aws + " iam list-roles");
        out.println("  " + env + " " + aws + " sts assume-role-with-saml --role-arn " + roleArn(first, "Admin")
                + " --principal-arn " + first.providerArn() + " --saml-assertion \"$(" + assertion + ")\"");
        out.println();
        out.println("Test ABAC: may alice's session do this to a resource with these tags? (sign-in through STS, then");
        out.println("the AWS model's policy simulator on the role's tag-based policies; signed in, "
                + demo.idpUrl().resolve("/explain") + " asks too):");
        out.println("  " + abac + " --action s3:GetObject --resource arn:aws:s3:::reports/q3.csv --resource-tag team=platform");
        out.println();
        out.println("Sign in from the terminal (ECP; credentials in ~/.aws/credentials, profile demo):");
        out.println("  STSBRIDGE_PASSWORD=wonderland ./stsbridge login --idp " + demo.idpUrl() + " --user alice "
                + "--account prod --role Admin --profile demo --sts-endpoint " + demo.awsEndpoint());
        out.println("  " + aws + " sts get-caller-identity --profile demo");
        out.println("  ./stsbridge console --profile demo   (a console sign-in URL for that session)");
    }

    private static String roleArn(AccountSetup account, String name) {
        return account.roleArns().stream().filter(arn -> arn.endsWith("/" + name)).findFirst()
                .orElse(account.roleArns().get(0));
    }

    /** Each role's name with its ABAC policy: {@code Admin (abac-team-access)}. */
    private static List<String> roleNames(AccountSetup account) {
        return account.roleArns().stream().map(arn -> arn.substring(arn.indexOf(":role/") + ":role/".length()))
                .map(role -> role + policyOf(account, role)).toList();
    }

    private static String policyOf(AccountSetup account, String role) {
        String arn = account.permissionPolicies().get(role.substring(role.lastIndexOf('/') + 1));
        return arn == null ? "" : " (" + arn.substring(arn.lastIndexOf('/') + 1) + ")";
    }
}
