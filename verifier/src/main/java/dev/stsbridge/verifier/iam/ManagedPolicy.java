package dev.stsbridge.verifier.iam;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A managed policy: customer managed (owned by an account) or AWS managed (owner {@code aws}, in every account).
 * Attachment counts are not stored here: they are counted from the roles of the account that asks.
 *
 * @param arn {@code arn:aws:iam::<account or aws>:policy<path><name>}
 * @param owner the owning account ID, or {@value #AWS} for AWS managed policies
 * @param name the policy name (unique per account ignoring case)
 * @param path the path, {@code /} by default
 * @param policyId the unique ID ({@code ANPA} + 17 characters)
 * @param description the description, if any
 * @param createDate when it was created
 * @param defaultVersionId the version in force
 * @param versions its versions, oldest first (1 to {@value #MAX_VERSIONS})
 * @param nextVersion the number of the next version to create (version IDs are never reused)
 * @param tags IAM tags on the policy
 */
public record ManagedPolicy(String arn, String owner, String name, String path, String policyId,
                            Optional<String> description, Instant createDate, String defaultVersionId,
                            List<PolicyVersion> versions, int nextVersion, List<Tag> tags) {

    public static final String AWS = "aws";
    public static final int MAX_VERSIONS = 5;

    public ManagedPolicy {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(defaultVersionId, "defaultVersionId");
        versions = List.copyOf(versions);
        tags = List.copyOf(tags);
        String defaultId = defaultVersionId;
        if (versions.stream().noneMatch(v -> v.versionId().equals(defaultId))) {
            throw new IllegalArgumentException("policy " + arn + " has no version " + defaultVersionId);
        }
    }

    public boolean awsManaged() {
        return owner.equals(AWS);
    }

    public Optional<PolicyVersion> version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    public PolicyVersion defaultVersion() {
        return version(defaultVersionId).orElseThrow();
    }

    /** IAM's UpdateDate: the creation of the most recent version (the policy's creation while it has one). */
    public Instant updateDate() {
        return versions.stream().map(PolicyVersion::createDate).max(Comparator.naturalOrder()).orElse(createDate);
    }

    public ManagedPolicy withVersions(List<PolicyVersion> nextVersions, String nextDefault, int nextNumber) {
        return new ManagedPolicy(arn, owner, name, path, policyId, description, createDate, nextDefault, nextVersions,
                nextNumber, tags);
    }
}
