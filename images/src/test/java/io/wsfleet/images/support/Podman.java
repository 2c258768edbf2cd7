package io.wsfleet.images.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real podman, with the settings scripts/lib/podman.sh writes (CONTAINERS_CONF), so that tests and
 * scripts/images run containers alike. Every name a test creates starts with {@link #uniqueName}, so that
 * runs on one machine do not meet.
 */
public final class Podman {

    /** The repository root (the tests run in images/). */
    public static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Map<String, String> ENVIRONMENT = Map.of("CONTAINERS_CONF",
            command(List.of("bash", "-c", ". scripts/lib/podman.sh && printf %s \"$CONTAINERS_CONF\""), Map.of()));

    private Podman() {
    }

    public static String uniqueName(String what) {
        return "wsfleet-it-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs podman with these arguments; its standard output, trimmed. Fails with podman's error output if it fails. */
    public static String podman(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return command(command, ENVIRONMENT);
    }

    /** Runs a script of the repository with podman's settings; its standard output, trimmed. */
    public static String script(String... command) {
        return command(List.of(command), Map.of("CONTAINER_ENGINE", "podman"));
    }

    /** The address of a container (or a pod's infra container) on its bridge network, which the host reaches. */
    public static String address(String container) {
        String address = podman("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", container).split(" ")[0];
        if (address.isEmpty()) {
            throw new IllegalStateException(container + " has no network address");
        }
        return address;
    }

    /** What the container wrote to its standard output (where both images log). */
    public static String logs(String container) {
        return podman("logs", container);
    }

    public static boolean imageExists(String image) {
        try {
            podman("image", "exists", image);
            return true;
        } catch (IllegalStateException absent) {
            return false;
        }
    }

    /** A clean-up command (rm of containers, pods, secrets): what it cannot remove is already gone. */
    public static void cleanUp(String... args) {
        try {
            podman(args);
        } catch (IllegalStateException alreadyGone) {
            // nothing left to remove
        }
    }

    private static String command(List<String> command, Map<String, String> environment) {
        try {
            Path errors = Files.createTempFile("podman", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectError(errors.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(errors));
                }
                return out.trim();
            } finally {
                Files.delete(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
