package dev.mcpgateway.load;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code --key=value} options of one {@link LoadTools} command. Hand-written rather than a CLI library
 * because the scripts pass a handful of flat options and the tools must start in milliseconds.
 */
public final class Args {

    private final Map<String, String> values = new HashMap<>();

    private Args() {}

    /** Parses {@code --key=value} (or a bare {@code --flag}, read as {@code true}); anything else is an error. */
    public static Args parse(String[] arguments, int from) {
        Args args = new Args();
        for (int i = from; i < arguments.length; i++) {
            String argument = arguments[i];
            if (!argument.startsWith("--")) {
                throw new IllegalArgumentException("Expected --key=value, got '" + argument + "'");
            }
            int equals = argument.indexOf('=');
            if (equals < 0) {
                args.values.put(argument.substring(2), "true");
            } else {
                args.values.put(argument.substring(2, equals), argument.substring(equals + 1));
            }
        }
        return args;
    }

    public String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public String required(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Missing --" + key + "=...");
        }
        return value;
    }

    public int integer(String key, int fallback) {
        String value = values.get(key);
        return value == null ? fallback : Integer.parseInt(value);
    }

    public Path path(String key, String fallback) {
        return Path.of(string(key, fallback));
    }
}
