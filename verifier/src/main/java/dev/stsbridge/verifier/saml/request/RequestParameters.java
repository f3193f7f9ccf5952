package dev.stsbridge.verifier.saml.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlRequest;

/**
 * The parameter checks of AssumeRoleWithSAML. First every model constraint, reported together as AWS does
 * ("2 validation errors detected: Value '' at 'roleArn' failed to satisfy constraint: ...; ..."), then the ARN
 * syntax and the same-account rule.
 */
public final class RequestParameters {
    static final String ARN_PATTERN =
            "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+";
    static final String POLICY_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";
    private static final Pattern ARN_CHARS = Pattern.compile(
            "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]+");
    private static final Pattern POLICY_CHARS = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    private static final Pattern ROLE_ARN = Pattern.compile(
            "arn:(aws|aws-cn|aws-us-gov):iam::(\\d{12}):role(/(?:[\\x21-\\x7E&&[^/]]+/)*)([\\w+=,.@-]{1,64})");
    private static final Pattern PROVIDER_ARN = Pattern.compile(
            "arn:(aws|aws-cn|aws-us-gov):iam::(\\d{12}):saml-provider/([\\w+=,.@-]{1,128})");
    private static final int MAX_POLICY_ARNS = 10;

    private RequestParameters() {
    }

    public static CheckedRequest check(AssumeRoleWithSamlRequest request) {
        List<String> violations = new ArrayList<>();
        string(violations, "roleArn", Optional.of(request.roleArn()), 20, 2048, ARN_CHARS, ARN_PATTERN, true);
        string(violations, "principalArn", Optional.of(request.principalArn()), 20, 2048, ARN_CHARS, ARN_PATTERN, true);
        string(violations, "sAMLAssertion", Optional.of(request.samlAssertion()), 4, 100_000, null, null, false);
        request.durationSeconds().ifPresent(seconds -> duration(violations, seconds));
        string(violations, "policy", request.policy(), 1, 2048, POLICY_CHARS, POLICY_PATTERN, true);
        policyArns(violations, request.policyArns());
        if (!violations.isEmpty()) {
            throw new AwsException(AwsError.validation(violations.size() + " validation error"
                    + (violations.size() == 1 ? "" : "s") + " detected: " + String.join("; ", violations)));
        }
        return arns(request);
    }

    private static CheckedRequest arns(AssumeRoleWithSamlRequest request) {
        Matcher role = ROLE_ARN.matcher(request.roleArn());
        if (!role.matches()) {
            throw new AwsException(AwsError.validation("Request ARN is invalid"));
        }
        Matcher provider = PROVIDER_ARN.matcher(request.principalArn());
        if (!provider.matches()) {
            throw new AwsException(AwsError.validation("Principal ARN is invalid"));
        }
        if (!role.group(1).equals(provider.group(1)) || !role.group(2).equals(provider.group(2))) {
            throw new AwsException(AwsError.validation(
                    "Principal exists outside the account of the Role being assumed."));
        }
        return new CheckedRequest(request.roleArn(), role.group(4), request.principalArn(), role.group(2),
                request.samlAssertion(), request.durationSeconds().orElse(3600), request.policy(),
                request.policyArns());
    }

    private static void string(List<String> violations, String member, Optional<String> value, int min, int max,
                               Pattern chars, String pattern, boolean echo) {
        if (value.isEmpty()) {
            return;
        }
        String v = value.get();
        String constraint = "' failed to satisfy constraint: Member must ";
        String shown = echo ? "Value '" + v + "' at '" + member : "Value at '" + member;
        if (v.length() < min) {
            violations.add(shown + constraint + "have length greater than or equal to " + min);
        } else if (v.length() > max) {
            violations.add("Value at '" + member + constraint + "have length less than or equal to " + max);
        } else if (chars != null && !chars.matcher(v).matches()) {
            violations.add(shown + constraint + "satisfy regular expression pattern: " + pattern);
        }
    }

    private static void duration(List<String> violations, int seconds) {
        String at = "Value '" + seconds + "' at 'durationSeconds' failed to satisfy constraint: ";
        if (seconds < 900) {
            violations.add(at + "Member must have value greater than or equal to 900");
        } else if (seconds > 43200) {
            violations.add(at + "Member must have value less than or equal to 43200");
        }
    }

    private static void policyArns(List<String> violations, List<String> arns) {
        if (arns.size() > MAX_POLICY_ARNS) {
            violations.add("Value at 'policyArns' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_POLICY_ARNS);
        }
        for (int i = 0; i < arns.size(); i++) {
            string(violations, "policyArns." + (i + 1) + ".member.arn", Optional.of(arns.get(i)), 20, 2048,
                    ARN_CHARS, ARN_PATTERN, true);
        }
    }
}
