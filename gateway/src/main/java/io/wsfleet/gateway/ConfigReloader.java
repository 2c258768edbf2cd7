package io.wsfleet.gateway;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.wsfleet.gateway.config.ConfigException;
import io.wsfleet.gateway.config.GatewayConfig;

/**
 * Watches the configuration files (a mounted ConfigMap in Kubernetes) and hands every new, valid
 * configuration to the gateway. A file that does not validate is refused with a log line and the last
 * good configuration stays in force.
 */
final class ConfigReloader {
    private static final System.Logger LOG = System.getLogger(ConfigReloader.class.getName());

    private final List<Path> files;
    private final Supplier<GatewayConfig> load;
    private final Consumer<GatewayConfig> apply;
    private List<FileTime> seen;

    private ConfigReloader(List<Path> files, Supplier<GatewayConfig> load, Consumer<GatewayConfig> apply) {
        this.files = files;
        this.load = load;
        this.apply = apply;
        this.seen = modificationTimes();
    }

    static void watch(GatewayConfig.Reload reload, Supplier<GatewayConfig> load, Consumer<GatewayConfig> apply,
                      ScheduledExecutorService scheduler) {
        if (reload.watchedFiles().isEmpty()) {
            return;
        }
        ConfigReloader reloader = new ConfigReloader(reload.watchedFiles(), load, apply);
        long period = reload.interval().toMillis();
        scheduler.scheduleWithFixedDelay(reloader::checkQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "applying the changed configuration failed", e);
        }
    }

    private void check() {
        List<FileTime> current = modificationTimes();
        if (Objects.equals(current, seen)) {
            return;
        }
        seen = current;
        try {
            apply.accept(load.get());
            LOG.log(Level.INFO, "configuration reloaded from {0}", files);
        } catch (ConfigException e) {
            LOG.log(Level.WARNING, "configuration change refused, the previous configuration stays: {0}",
                    e.getMessage());
        }
    }

    private List<FileTime> modificationTimes() {
        return files.stream().map(ConfigReloader::modificationTime).toList();
    }

    private static FileTime modificationTime(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
