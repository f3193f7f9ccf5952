package dev.stsbridge.verifier.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A botocore service model (the {@code service-2.json} that the AWS CLI itself is generated from), bundled as a
 * resource, read for the input constraints of the operations the verifier serves: required members, string length,
 * pattern and enum, integer range, list length. Using AWS's own model rather than hand-copied limits keeps the
 * verifier's {@code ValidationError}s in step with the real service. The models are botocore 1.43.11 (Apache License
 * 2.0), copied from {@code ../shared/aws/}.
 */
public final class ApiModel {

    /** IAM {@code 2010-05-08}. */
    public static final String IAM = "iam-2010-05-08.service-2.json.gz";
    /** STS {@code 2011-06-15}. */
    public static final String STS = "sts-2011-06-15.service-2.json.gz";

    private final JsonNode operations;
    private final JsonNode shapes;

    private ApiModel(JsonNode root) {
        this.operations = root.path("operations");
        this.shapes = root.path("shapes");
    }

    /** Loads one of the bundled models ({@link #IAM}, {@link #STS}). */
    public static ApiModel load(String resource) {
        try (InputStream raw = ApiModel.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("the AWS API model " + resource + " is missing from the class path");
            }
            return new ApiModel(new ObjectMapper().readTree(new GZIPInputStream(raw)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the AWS API model " + resource, e);
        }
    }

    /** The input shape of an operation; empty for an unknown operation or one without input. */
    public Optional<Shape> input(String operation) {
        JsonNode input = operations.path(operation).path("input").path("shape");
        return input.isTextual() ? Optional.of(shape(input.asText())) : Optional.empty();
    }

    Shape shape(String name) {
        JsonNode node = shapes.path(name);
        if (node.isMissingNode()) {
            throw new IllegalStateException("the AWS API model has no shape " + name);
        }
        return new Shape(this, name, node);
    }

    /** One shape of the model, with the constraints the validator checks. */
    public record Shape(ApiModel model, String name, JsonNode node) {

        public String type() {
            return node.path("type").asText();
        }

        public boolean sensitive() {
            return node.path("sensitive").asBoolean(false);
        }

        public Optional<Long> min() {
            return node.has("min") ? Optional.of(node.get("min").asLong()) : Optional.empty();
        }

        public Optional<Long> max() {
            return node.has("max") ? Optional.of(node.get("max").asLong()) : Optional.empty();
        }

        public Optional<String> pattern() {
            return node.has("pattern") ? Optional.of(node.get("pattern").asText()) : Optional.empty();
        }

        public List<String> enumValues() {
            List<String> values = new ArrayList<>();
            node.path("enum").forEach(v -> values.add(v.asText()));
            return values;
        }

        /** Structure members in model order. */
        public List<Member> members() {
            Set<String> required = new HashSet<>();
            node.path("required").forEach(r -> required.add(r.asText()));
            List<Member> members = new ArrayList<>();
            node.path("members").properties().forEach(e -> members.add(new Member(e.getKey(),
                    model.shape(e.getValue().path("shape").asText()), required.contains(e.getKey()))));
            return members;
        }

        /** The element shape of a list. */
        public Shape listMember() {
            return model.shape(node.path("member").path("shape").asText());
        }
    }

    /** A structure member: its wire name, shape, and whether the model requires it. */
    public record Member(String name, Shape shape, boolean required) {
    }
}
