package dev.uploadgate.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves template values the way CloudFormation would with every parameter at its Default:
 * {@code Ref} to parameters and pseudo parameters, {@code Fn::If} with its conditions,
 * {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select} and {@code Fn::Split}. What only exists
 * once deployed (a resource's name, {@code Fn::GetAtt}) cannot be resolved: the caller either
 * overrides that value or reports it.
 */
final class IntrinsicResolver {
    /** Stands for {@code AWS::NoValue}: the property is left out, as CloudFormation does. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    /** Guards against a condition that refers to itself. */
    private static final int MAX_DEPTH = 32;

    private final Map<String, Object> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, Object> resources;
    private final Map<String, String> pseudoParameters;
    private final Map<String, String> parameterValues;

    IntrinsicResolver(SamTemplate template, Map<String, String> pseudoParameters) {
        this(template, pseudoParameters, Map.of());
    }

    /**
     * @param parameterValues values that replace parameter defaults, as a deploy's
     *                        {@code --parameter-overrides} would; each must name a parameter
     */
    IntrinsicResolver(SamTemplate template, Map<String, String> pseudoParameters, Map<String, String> parameterValues) {
        for (String name : parameterValues.keySet()) {
            if (!template.parameters().containsKey(name)) {
                throw new TemplateException("--parameter " + name + " names no parameter of the template; it has "
                        + template.parameters().keySet());
            }
        }
        this.parameterValues = Map.copyOf(parameterValues);
        this.parameters = template.parameters();
        this.conditions = template.conditions();
        this.resources = template.resources();
        this.pseudoParameters = Map.copyOf(pseudoParameters);
    }

    /** The pseudo parameters of a local stack: the region local mode runs in and a made-up account. */
    static Map<String, String> localPseudoParameters(String region) {
        return Map.of(
                "AWS::Region", region,
                "AWS::AccountId", "000000000000",
                "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com",
                "AWS::StackName", "uploadgate-local",
                "AWS::StackId", "arn:aws:cloudformation:" + region + ":000000000000:stack/uploadgate-local/local");
    }

    /** A value that must be text; empty for {@code AWS::NoValue}. */
    Optional<String> resolveText(Object value) {
        Object resolved = resolve(value, 0);
        if (resolved == NO_VALUE) {
            return Optional.empty();
        }
        if (resolved instanceof List) {
            throw new TemplateException(SamTemplate.describe(value) + " is a list where text is expected");
        }
        return Optional.of((String) resolved);
    }

    /** A value that must be a list of text (a list, or a Ref to a CommaDelimitedList parameter). */
    List<String> resolveList(Object value) {
        return list(value, 0);
    }

    private List<String> list(Object value, int depth) {
        Object resolved = resolve(value, depth);
        if (resolved == NO_VALUE) {
            return List.of();
        }
        if (resolved instanceof String text) {
            return List.of(text);
        }
        List<String> texts = new ArrayList<>();
        for (Object item : (List<?>) resolved) {
            if (!(item instanceof String text)) {
                throw new TemplateException(SamTemplate.describe(value) + " must be a list of text");
            }
            texts.add(text);
        }
        return List.copyOf(texts);
    }

    /** Evaluates a named entry of the template's Conditions section. */
    boolean condition(String name) {
        return condition(name, 0);
    }

    /** Text, a list of resolved items, or {@link #NO_VALUE}. */
    private Object resolve(Object value, int depth) {
        checkDepth(value, depth);
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            for (Object item : list) {
                Object resolved = resolve(item, depth + 1);
                if (resolved != NO_VALUE) {
                    items.add(resolved);
                }
            }
            return items;
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> function = map.entrySet().iterator().next();
            Object argument = function.getValue();
            return switch (String.valueOf(function.getKey())) {
                case "Ref" -> ref(String.valueOf(argument));
                case "Fn::If" -> fnIf(argument, depth);
                case "Fn::Sub" -> fnSub(argument, depth);
                case "Fn::Join" -> fnJoin(argument, depth);
                case "Fn::Select" -> fnSelect(argument, depth);
                case "Fn::Split" -> fnSplit(argument, depth);
                case "Fn::GetAtt" -> throw new TemplateException(SamTemplate.describe(value)
                        + " is an attribute of a deployed resource; local mode has no value for it");
                default -> throw new TemplateException(SamTemplate.describe(value) + " uses " + function.getKey()
                        + ", which local mode does not evaluate");
            };
        }
        throw new TemplateException("cannot resolve " + SamTemplate.describe(value));
    }

    private Object ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        String pseudo = pseudoParameters.get(name);
        if (pseudo != null) {
            return pseudo;
        }
        Object parameter = parameters.get(name);
        if (parameter != null) {
            Map<String, Object> definition = SamTemplate.asMap(parameter, "Parameters." + name);
            Object defaultValue = parameterValues.containsKey(name) ? parameterValues.get(name) : definition.get("Default");
            if (defaultValue == null) {
                throw new TemplateException("parameter " + name + " has no Default, so local mode has no value for it");
            }
            String text = String.valueOf(defaultValue);
            String type = String.valueOf(definition.get("Type"));
            // CloudFormation hands a CommaDelimitedList (or List<...>) parameter to Ref as a list.
            if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
                return text.isEmpty() ? List.of() : Arrays.stream(text.split(",", -1)).map(String::trim).toList();
            }
            return text;
        }
        if (resources.containsKey(name)) {
            throw new TemplateException("{Ref: " + name + "} names the resource " + name
                    + ", which only exists once deployed");
        }
        throw new TemplateException("{Ref: " + name + "} names no parameter or resource of the template");
    }

    private Object fnIf(Object argument, int depth) {
        List<?> arguments = SamTemplate.asList(argument, "Fn::If");
        if (arguments.size() != 3) {
            throw new TemplateException("Fn::If takes [condition, then, else], not " + SamTemplate.describe(argument));
        }
        boolean holds = condition(String.valueOf(arguments.get(0)), depth + 1);
        return resolve(arguments.get(holds ? 1 : 2), depth + 1);
    }

    private Object fnSub(Object argument, int depth) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            if (list.size() != 2) {
                throw new TemplateException("Fn::Sub takes a string or [string, {variables}], not " + SamTemplate.describe(argument));
            }
            text = String.valueOf(list.get(0));
            variables = SamTemplate.asMap(list.get(1), "Fn::Sub variables");
        } else {
            text = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            Object replacement = variables.containsKey(name) ? resolve(variables.get(name), depth + 1)
                    : name.contains(".") && !name.startsWith("AWS::")
                    ? resolve(Map.of("Fn::GetAtt", List.of(name.split("\\.", 2))), depth + 1)
                    : ref(name);
            if (!(replacement instanceof String replacementText)) {
                throw new TemplateException("${" + name + "} in Fn::Sub is not text");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacementText));
        }
        matcher.appendTail(result);
        // "${!Literal}" is CloudFormation's escape for a literal "${Literal}".
        return result.toString().replace("${!", "${");
    }

    private Object fnJoin(Object argument, int depth) {
        List<?> arguments = SamTemplate.asList(argument, "Fn::Join");
        if (arguments.size() != 2) {
            throw new TemplateException("Fn::Join takes [delimiter, [values]], not " + SamTemplate.describe(argument));
        }
        List<String> parts = list(arguments.get(1), depth + 1);
        return String.join(String.valueOf(arguments.get(0)), parts);
    }

    private Object fnSelect(Object argument, int depth) {
        List<?> arguments = SamTemplate.asList(argument, "Fn::Select");
        if (arguments.size() != 2) {
            throw new TemplateException("Fn::Select takes [index, [values]], not " + SamTemplate.describe(argument));
        }
        Object index = resolve(arguments.get(0), depth + 1);
        List<String> values = list(arguments.get(1), depth + 1);
        try {
            return values.get(Integer.parseInt(String.valueOf(index)));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new TemplateException("Fn::Select index " + index + " does not select from " + values, e);
        }
    }

    private Object fnSplit(Object argument, int depth) {
        List<?> arguments = SamTemplate.asList(argument, "Fn::Split");
        if (arguments.size() != 2) {
            throw new TemplateException("Fn::Split takes [delimiter, text], not " + SamTemplate.describe(argument));
        }
        Object text = resolve(arguments.get(1), depth + 1);
        return List.of(String.valueOf(text).split(Pattern.quote(String.valueOf(arguments.get(0))), -1));
    }

    private boolean condition(String name, int depth) {
        Object definition = conditions.get(name);
        if (definition == null) {
            throw new TemplateException("condition " + name + " is not in the template's Conditions");
        }
        return evaluate(definition, depth + 1);
    }

    private boolean evaluate(Object condition, int depth) {
        checkDepth(condition, depth);
        Map<String, Object> function = SamTemplate.asMap(condition, "a condition");
        if (function.size() != 1) {
            throw new TemplateException("a condition must be one function, not " + SamTemplate.describe(condition));
        }
        Map.Entry<String, Object> entry = function.entrySet().iterator().next();
        String name = entry.getKey();
        if (name.equals("Condition")) {
            return condition(String.valueOf(entry.getValue()), depth + 1);
        }
        List<?> arguments = SamTemplate.asList(entry.getValue(), name);
        return switch (name) {
            case "Fn::Equals" -> {
                if (arguments.size() != 2) {
                    throw new TemplateException("Fn::Equals takes two values, not " + SamTemplate.describe(arguments));
                }
                yield resolve(arguments.get(0), depth + 1).equals(resolve(arguments.get(1), depth + 1));
            }
            case "Fn::Not" -> {
                if (arguments.size() != 1) {
                    throw new TemplateException("Fn::Not takes one condition, not " + SamTemplate.describe(arguments));
                }
                yield !evaluate(arguments.get(0), depth + 1);
            }
            case "Fn::And" -> arguments.stream().allMatch(argument -> evaluate(argument, depth + 1));
            case "Fn::Or" -> arguments.stream().anyMatch(argument -> evaluate(argument, depth + 1));
            default -> throw new TemplateException(name + " is not a condition function");
        };
    }

    private static void checkDepth(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new TemplateException("value nested too deeply (a condition that refers to itself?): "
                    + SamTemplate.describe(value));
        }
    }
}
