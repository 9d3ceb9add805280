package dev.uploadgate.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML into plain maps, lists and scalars. The short-form tags become the
 * long form CloudFormation itself uses in JSON ({@code !Ref X} is {@code {"Ref": "X"}},
 * {@code !If [..]} is {@code {"Fn::If": [..]}}), so the rest of local mode only knows one form.
 */
final class CloudFormationYaml {
    /** Every short form CloudFormation accepts, with its long name. */
    private static final Map<String, String> FUNCTIONS = functions();

    private CloudFormationYaml() {
    }

    private static Map<String, String> functions() {
        Map<String, String> functions = new LinkedHashMap<>();
        functions.put("!Ref", "Ref");
        functions.put("!Condition", "Condition");
        for (String name : List.of("And", "Base64", "Cidr", "Equals", "FindInMap", "GetAtt", "GetAZs", "If",
                "ImportValue", "Join", "Length", "Not", "Or", "Select", "Split", "Sub", "ToJsonString", "Transform")) {
            functions.put("!" + name, "Fn::" + name);
        }
        return Map.copyOf(functions);
    }

    /** Parses one template document; the root must be a mapping. */
    static Map<String, Object> parse(String yaml, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object root;
        try {
            root = new Yaml(new Constructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new TemplateException(source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new TemplateException(source + " is not a YAML mapping");
        }
        return stringKeys(map, source);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map, String source) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new TemplateException(source + " has a non-text key at its top level: " + key);
            }
        }
        return (Map<String, Object>) map;
    }

    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions options) {
            super(options);
            FUNCTIONS.forEach((tag, longName) -> yamlConstructors.put(new Tag(tag), new ConstructFunction(longName)));
        }

        private final class ConstructFunction extends AbstractConstruct {
            private final String longName;

            ConstructFunction(String longName) {
                this.longName = longName;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    // The short form of GetAtt takes "Resource.Attribute"; the long form a list.
                    argument = longName.equals("Fn::GetAtt") ? new ArrayList<>(Arrays.asList(text.split("\\.", 2))) : text;
                } else if (node instanceof SequenceNode sequence) {
                    argument = new ArrayList<Object>(constructSequence(sequence));
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                Map<String, Object> function = new LinkedHashMap<>();
                function.put(longName, argument);
                return function;
            }
        }
    }
}
