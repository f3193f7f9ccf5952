package dev.stsbridge.verifier.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Query API version served at {@code POST /}: IAM {@code 2010-05-08} or STS {@code 2011-06-15}.
 *
 * @param signingName the SigV4 service name ({@code iam}, {@code sts})
 * @param version the {@code Version} parameter value
 * @param namespace the XML namespace of its responses and errors
 * @param model its botocore model, for parameter validation
 * @param actions its actions by name
 */
public record QueryService(String signingName, String version, String namespace, ApiModel model,
                           Map<String, QueryAction> actions) {
    public QueryService {
        Objects.requireNonNull(signingName, "signingName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(model, "model");
        actions = Map.copyOf(actions);
    }

    public static QueryService of(String signingName, String version, String namespace, ApiModel model,
                                  List<QueryAction> actions) {
        Map<String, QueryAction> byName = new LinkedHashMap<>();
        actions.forEach(a -> byName.put(a.name(), a));
        return new QueryService(signingName, version, namespace, model, byName);
    }

    public Optional<QueryAction> action(String name) {
        return Optional.ofNullable(actions.get(name));
    }
}
