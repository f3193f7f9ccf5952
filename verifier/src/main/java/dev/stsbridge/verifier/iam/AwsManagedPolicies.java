package dev.stsbridge.verifier.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The AWS managed policies the model has, present in every account under {@code arn:aws:iam::aws:policy/...}:
 * their current default versions as AWS's managed-policy reference publishes them (version IDs, descriptions and the
 * minutes of creation and last edit from there; older versions are not modelled). Customers can attach them but not
 * change or delete them.
 */
public final class AwsManagedPolicies {

    public static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";
    public static final String POWER_USER_ACCESS = "arn:aws:iam::aws:policy/PowerUserAccess";
    public static final String S3_READ_ONLY_ACCESS = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

    private static final String ADMINISTRATOR_DOCUMENT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    private static final String POWER_USER_DOCUMENT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],\
            "Resource":"*"},{"Effect":"Allow","Action":["account:GetAccountInformation",\
            "account:GetGovCloudAccountInformation","account:GetPrimaryEmail","account:ListRegions",\
            "iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles",\
            "organizations:DescribeEffectivePolicy","organizations:DescribeOrganization"],"Resource":"*"}]}""";

    private static final String S3_READ_ONLY_DOCUMENT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*","s3:Describe*",\
            "s3-object-lambda:Get*","s3-object-lambda:List*"],"Resource":"*"}]}""";

    private static final List<ManagedPolicy> ALL = List.of(
            policy("AdministratorAccess", "ANPAIWMBCKSKIEE64ZLYK",
                    "Provides full access to AWS services and resources.",
                    "2015-02-06T18:39:00Z", 1, "2015-02-06T18:39:00Z", ADMINISTRATOR_DOCUMENT),
            policy("AmazonS3ReadOnlyAccess", "ANPAIZTJ4DXE7G6AGAE6M",
                    "Provides read only access to all buckets via the AWS Management Console.",
                    "2015-02-06T18:40:00Z", 3, "2023-08-10T21:31:00Z", S3_READ_ONLY_DOCUMENT),
            policy("PowerUserAccess", "ANPAJYRXTHIB4FOVS3ZXS", "Provides full access to AWS services and resources, "
                    + "but does not allow management of Users and groups.",
                    "2015-02-06T18:39:00Z", 12, "2026-02-12T17:59:00Z", POWER_USER_DOCUMENT));

    private static final Map<String, ManagedPolicy> BY_ARN = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ManagedPolicy::arn, Function.identity()));

    private AwsManagedPolicies() {
    }

    /** All of them, by name. */
    public static List<ManagedPolicy> all() {
        return ALL;
    }

    public static Optional<ManagedPolicy> byArn(String arn) {
        return Optional.ofNullable(BY_ARN.get(arn));
    }

    private static ManagedPolicy policy(String name, String id, String description, String created, int version,
                                        String edited, String document) {
        String versionId = "v" + version;
        return new ManagedPolicy(Arns.policy(ManagedPolicy.AWS, "/", name), ManagedPolicy.AWS, name, "/", id,
                Optional.of(description), Instant.parse(created), versionId,
                List.of(new PolicyVersion(versionId, document, Instant.parse(edited))), version + 1, List.of());
    }
}
