package io.contralog.agent.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the agent's YAML file, substitutes environment references, binds it and validates it.
 *
 * <p>Every failure is a {@link ConfigException} whose message names the file, the key and what to write
 * instead, so that {@code check-config} and {@code run} can print it and exit with code 2.
 */
public final class ConfigLoader {

    private final Function<String, String> env;

    private ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    /** A loader that reads the process environment. */
    public static ConfigLoader withSystemEnv() {
        return new ConfigLoader(System::getenv);
    }

    /** A loader that reads the given variables instead of the process environment. */
    public static ConfigLoader withEnv(Map<String, String> variables) {
        return new ConfigLoader(variables::get);
    }

    /** Loads and validates the file. */
    public AgentConfig load(Path file) {
        String prefix = file + ": ";
        try {
            return ConfigValidator.validate(bind(file));
        } catch (ConfigException e) {
            throw new ConfigException(prefix + e.getMessage());
        }
    }

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private AgentConfig bind(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("no such file; pass the agent's YAML config with --config");
        }
        Path base = file.toAbsolutePath().getParent();
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
            .registerModule(new ConfigModule(base))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        JsonNode tree;
        try {
            tree = mapper.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new ConfigException("not valid YAML" + at(e.getLocation()) + ": "
                + yamlProblem(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException("cannot read it (" + e.getMessage() + "); check its permissions");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException("the file is empty; it needs at least queue.dir, model.dir and state.dir");
        }
        if (!tree.isObject()) {
            throw new ConfigException("the top level must be a mapping of sections (queue, model, state, ...)");
        }
        new EnvSubstitution(env).apply(tree, "");
        try {
            return mapper.treeToValue(tree, AgentConfig.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(describe(e));
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** Jackson names its own switch for a repeated key; the user needs the key and the fix. */
    private static String yamlProblem(String message) {
        Matcher duplicate = DUPLICATE.matcher(message == null ? "" : message);
        if (duplicate.find()) {
            return "the key '" + duplicate.group(1) + "' appears twice in one mapping; keep one of them";
        }
        return message;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    static String describe(JsonMappingException e) {
        String key = keyOf(e);
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : new TreeSet<>(u.getKnownPropertyIds().stream()
                .map(Object::toString).collect(Collectors.toList())).toString();
            return "unknown key '" + key + "'; remove it or correct its spelling (keys allowed here: " + known + ")";
        }
        if (e instanceof InvalidFormatException f) {
            String why = e.getOriginalMessage();
            int colon = why.indexOf(": ");
            String detail = colon >= 0 ? why.substring(colon + 2) : why;
            return "key '" + key + "' has the value '" + f.getValue() + "', which is not "
                + expected(f.getTargetType()) + " (" + detail + ")";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "key '" + key + "' must be " + expected(m.getTargetType());
        }
        return "key '" + key + "': " + e.getOriginalMessage();
    }

    private static String keyOf(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (key.length() > 0) {
                    key.append('.');
                }
                key.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.time.Duration.class) {
            return "a duration like 500ms, 2s, 5m or 1h";
        }
        if (type == DataSize.class) {
            return "a size like 64KiB, 10MiB or 1GiB";
        }
        if (type.isEnum()) {
            return "one of " + enumNames(type);
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys";
        }
        return "a " + type.getSimpleName();
    }

    private static String enumNames(Class<?> type) {
        StringBuilder names = new StringBuilder();
        for (Object c : type.getEnumConstants()) {
            if (names.length() > 0) {
                names.append('|');
            }
            names.append(c.toString().toLowerCase(java.util.Locale.ROOT));
        }
        return names.toString();
    }
}
