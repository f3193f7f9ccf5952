package dev.stsbridge.metadata;

import java.util.List;

/**
 * What {@link AwsUploadRules} found: violations (AWS would refuse the upload) and warnings (it would accept it,
 * but something needs attention, such as a certificate about to expire).
 */
public record AwsUploadReport(List<AwsUploadFinding> violations, List<AwsUploadFinding> warnings) {
    public AwsUploadReport {
        violations = List.copyOf(violations);
        warnings = List.copyOf(warnings);
    }

    /** True when AWS would accept the document. */
    public boolean acceptable() {
        return violations.isEmpty();
    }
}
