package io.wsfleet.gateway;

import io.helidon.logging.common.LogConfig;
import io.wsfleet.gateway.config.ConfigException;
import io.wsfleet.gateway.config.ConfigLoader;
import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.observe.LogSettings;

/** Starts a gateway from {@code application.yaml} and the environment, and prints how to connect. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Gateway gateway;
        try {
            GatewayConfig config = ConfigLoader.load();
            LogSettings.useFormat(config.logging().format());
            gateway = Gateway.start(config, ConfigLoader::load);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "wsfleet-shutdown"));
        System.out.println(ConnectInstructions.render(gateway));
    }
}
