package io.wsfleet.gateway.config;

/** Invalid configuration, naming the key (and its environment variable) so that start-up fails clearly. */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String message) {
        super("Invalid configuration: " + key + describeEnv(key) + ": " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }

    private static String describeEnv(String key) {
        return EnvAliases.variableFor(key).map(env -> " (environment variable " + env + ")").orElse("");
    }
}
