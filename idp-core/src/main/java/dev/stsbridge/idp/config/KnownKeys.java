package dev.stsbridge.idp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * Finds keys the records do not have before binding. Jackson reports an unknown key only after the record's
 * constructor ran, so a misspelt required key ({@code bse-dn}) would otherwise surface as "base-dn: is
 * required"; this pass names the misspelling instead.
 */
final class KnownKeys {

    private final ObjectMapper mapper;

    KnownKeys(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The path of the first key that the target type does not know, with the keys it does know. */
    Optional<Unknown> firstUnknown(JsonNode node, JavaType type) {
        return walk(node, type, new ArrayList<>());
    }

    record Unknown(List<Object> path, String knownKeys) {
    }

    private Optional<Unknown> walk(JsonNode node, JavaType type, List<Object> path) {
        JavaType t = unwrap(type);
        if (node.isArray() && t.isCollectionLikeType()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Unknown> found = walk(node.get(i), t.getContentType(), append(path, i));
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isObject() && t.isRecordType()) {
            return walkRecord(node, t, path);
        }
        return Optional.empty();
    }

    private Optional<Unknown> walkRecord(JsonNode node, JavaType type, List<Object> path) {
        Map<String, JavaType> properties = properties(type);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JavaType propertyType = properties.get(field.getKey());
            if (propertyType == null) {
                return Optional.of(new Unknown(append(path, field.getKey()),
                        properties.keySet().stream().collect(Collectors.joining(", "))));
            }
            Optional<Unknown> found = walk(field.getValue(), propertyType, append(path, field.getKey()));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Map<String, JavaType> properties(JavaType type) {
        BeanDescription description = mapper.getDeserializationConfig().introspect(type);
        Map<String, JavaType> properties = new TreeMap<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (property.hasConstructorParameter() || property.hasSetter() || property.hasField()) {
                properties.put(property.getName(), property.getPrimaryType());
            }
        }
        return properties;
    }

    private static JavaType unwrap(JavaType type) {
        return type.hasRawClass(Optional.class) ? type.containedType(0) : type;
    }

    private static List<Object> append(List<Object> path, Object segment) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(segment);
        return longer;
    }
}
