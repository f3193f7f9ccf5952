package dev.stsbridge.verifier.federation;

import java.util.List;
import java.util.Optional;

import org.eclipse.jetty.util.Fields;

/** The request's parameters (the query of a GET, the form body of a POST); each may appear at most once. */
final class FederationParameters {
    private final Fields fields;

    FederationParameters(Fields fields) {
        this.fields = fields;
    }

    /** The parameter's value; absent when missing or empty, refused when given twice. */
    Optional<String> value(String name) {
        Fields.Field field = fields.get(name);
        if (field == null) {
            return Optional.empty();
        }
        List<String> values = field.getValues();
        if (values.size() > 1) {
            throw FederationRefusal.invalid(name).exception();
        }
        return values.stream().filter(v -> !v.isEmpty()).findFirst();
    }

    /** The parameter's value; refused ("Invalid X parameter") when missing. */
    String required(String name) {
        return value(name).orElseThrow(() -> FederationRefusal.invalid(name).exception());
    }
}
