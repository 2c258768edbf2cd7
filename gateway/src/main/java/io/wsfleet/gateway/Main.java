package io.wsfleet.gateway;

import io.helidon.logging.common.LogConfig;
import io.wsfleet.gateway.config.ConfigException;
import io.wsfleet.gateway.config.ConfigLoader;

/** Starts a gateway from {@code application.yaml} and the environment, and prints how to connect. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Gateway gateway;
        try {
            gateway = Gateway.start(ConfigLoader.load(), ConfigLoader::load);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "wsfleet-shutdown"));
        System.out.println(ConnectInstructions.render(gateway));
    }
}
