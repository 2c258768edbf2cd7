package io.wsfleet.gateway;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.helidon.webserver.WebServer;
import io.wsfleet.gateway.config.ConfigException;
import io.wsfleet.gateway.config.GatewayConfig;

/**
 * Serves renewed certificates without a restart (cert-manager rewrites the mounted files): polls the
 * PEM files' modification times and, when they changed and load as a valid pair, swaps the listener's
 * TLS. New handshakes get the new certificate; open connections keep theirs. A pair that does not load
 * (a renewal caught half-written, a wrong file) is logged and the current certificate stays.
 */
final class TlsReloader {
    private static final System.Logger LOG = System.getLogger(TlsReloader.class.getName());

    private final GatewayConfig.Tls files;
    private final WebServer server;
    private List<FileTime> loaded;

    private TlsReloader(GatewayConfig.Tls files, WebServer server) {
        this.files = files;
        this.server = server;
        this.loaded = modificationTimes();
    }

    static void watch(GatewayConfig.Tls files, WebServer server, ScheduledExecutorService scheduler) {
        TlsReloader reloader = new TlsReloader(files, server);
        long period = files.reloadInterval().toMillis();
        scheduler.scheduleWithFixedDelay(reloader::checkQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // The timer must keep running: the next change gets another chance.
            LOG.log(Level.WARNING, "checking the TLS files failed", e);
        }
    }

    private void check() {
        List<FileTime> current = modificationTimes();
        if (Objects.equals(current, loaded)) {
            return;
        }
        try {
            server.reloadTls(TlsMaterial.load(files));
            loaded = current;
            LOG.log(Level.INFO, "TLS certificate reloaded from {0}", files.certPath());
        } catch (ConfigException e) {
            LOG.log(Level.WARNING, "TLS files changed but do not load; keeping the current certificate: {0}",
                    e.getMessage());
        }
    }

    private List<FileTime> modificationTimes() {
        try {
            return List.of(Files.getLastModifiedTime(files.certPath()), Files.getLastModifiedTime(files.keyPath()));
        } catch (IOException e) {
            return List.of();
        }
    }
}
