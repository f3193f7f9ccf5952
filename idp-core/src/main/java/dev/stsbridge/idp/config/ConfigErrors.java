package dev.stsbridge.idp.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns Jackson's binding failures into one-line {@link ConfigException}s naming the file, line and key. */
final class ConfigErrors {

    private ConfigErrors() {
    }

    static ConfigException translate(JsonMappingException e, String source, YamlLocations locations) {
        List<Object> path = path(e);
        String problem;
        InvalidConfigValueException invalid = invalidValue(e);
        if (invalid != null) {
            path.addAll(ConfigLoader.segments(invalid.key()));
            problem = invalid.problem();
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            problem = "unknown key (known keys here: " + String.join(", ", names(unknown.getKnownPropertyIds())) + ")";
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            problem = "must be " + describe(mismatch.getTargetType());
        } else {
            problem = ConfigLoader.firstLine(e.getOriginalMessage());
        }
        int line = locations.line(path);
        if (line == 0 && invalid == null && e.getLocation() != null) {
            line = e.getLocation().getLineNr();
        }
        return new ConfigException(source, line, key(path), problem);
    }

    private static InvalidConfigValueException invalidValue(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigValueException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static List<Object> path(JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.add(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.add(reference.getIndex());
            }
        }
        return path;
    }

    static String key(List<Object> path) {
        StringBuilder s = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer) {
                s.append('[').append(segment).append(']');
            } else {
                s.append(s.length() == 0 ? "" : ".").append(segment);
            }
        }
        return s.toString();
    }

    private static Collection<String> names(Collection<Object> ids) {
        TreeSet<String> names = new TreeSet<>();
        ids.forEach(id -> names.add(String.valueOf(id)));
        return names;
    }

    private static String describe(Class<?> type) {
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class || type == Path.class || type == java.net.URI.class) {
            return "a text value";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Duration.class) {
            return "a duration such as 900, 90s, 15m, 12h or PT1H";
        }
        return type.isRecord() || type.isInterface() ? "a mapping of keys to values" : "a value of type "
                + type.getSimpleName();
    }
}
