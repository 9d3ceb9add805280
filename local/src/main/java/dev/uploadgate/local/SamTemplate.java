package dev.uploadgate.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A SAM template as local mode reads it: the sections it needs, each a plain map, with the
 * CloudFormation short-form tags already turned into their long form.
 */
final class SamTemplate {
    /** Where the build copies ../template.yaml inside local.jar. */
    static final String BUNDLED_RESOURCE = "bundled/template.yaml";

    private final String source;
    private final Map<String, Object> root;

    private SamTemplate(String source, Map<String, Object> root) {
        this.source = source;
        this.root = root;
    }

    static SamTemplate parse(String yaml, String source) {
        return new SamTemplate(source, CloudFormationYaml.parse(yaml, source));
    }

    static SamTemplate load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new TemplateException("cannot read the template " + file + ": " + e.getMessage(), e);
        }
    }

    /** The copy of template.yaml the build put into the jar. */
    static SamTemplate bundled(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new TemplateException("no template.yaml here and none bundled in the jar; pass --template PATH");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the template bundled in local.jar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the template came from, for error messages. */
    String source() {
        return source;
    }

    Map<String, Object> parameters() {
        return section("Parameters");
    }

    Map<String, Object> conditions() {
        return section("Conditions");
    }

    Map<String, Object> resources() {
        return section("Resources");
    }

    /** {@code Globals.<kind>}, such as {@code Globals.Function}; empty when absent. */
    Map<String, Object> globals(String kind) {
        return optionalMap(section("Globals"), kind, "Globals").orElse(Map.of());
    }

    /** Logical id to resource, for the resources of one type such as {@code AWS::Serverless::Function}. */
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> matching = new LinkedHashMap<>();
        resources().forEach((id, value) -> {
            Map<String, Object> resource = asMap(value, "Resources." + id);
            if (type.equals(resource.get("Type"))) {
                matching.put(id, resource);
            }
        });
        return matching;
    }

    private Map<String, Object> section(String name) {
        return optionalMap(root, name, source).orElse(Map.of());
    }

    /** A mapping under {@code key}, empty when the key is absent; anything else is a template error. */
    static Optional<Map<String, Object>> optionalMap(Map<String, Object> parent, String key, String where) {
        Object value = parent.get(key);
        return value == null ? Optional.empty() : Optional.of(asMap(value, where + "." + key));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new TemplateException(where + " must be a mapping, not " + describe(value));
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new TemplateException(where + " has a key that is not text: " + key);
            }
        }
        return (Map<String, Object>) map;
    }

    static List<?> asList(Object value, String where) {
        if (!(value instanceof List<?> list)) {
            throw new TemplateException(where + " must be a list, not " + describe(value));
        }
        return list;
    }

    static String describe(Object value) {
        return value == null ? "nothing" : value instanceof Map || value instanceof List ? String.valueOf(value)
                : "'" + value + "'";
    }

    @Override
    public String toString() {
        return Objects.toString(source);
    }
}
