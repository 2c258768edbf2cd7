package io.wsfleet.images.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The images under test: scripts/images builds them once per test run from this build's jars. */
public record BuiltImages(String gateway, String operator) {

    /** Redis for the gateways to share, made from Debian's package like the base images. */
    private static final String REDIS = "localhost/wsfleet-test/redis:trixie";
    /** What scripts/images makes from debootstrap when no registry answers. */
    private static final String DEBIAN = "localhost/wsfleet-base/debian:trixie";

    private static BuiltImages built;

    public static synchronized BuiltImages get() {
        if (built == null) {
            long start = System.nanoTime();
            List<String> names = Podman.script("scripts/images", "--jars").lines().toList();
            System.out.printf("scripts/images --jars built %s in %d s%n", names, (System.nanoTime() - start) / 1_000_000_000);
            built = new BuiltImages(named(names, "/gateway:"), named(names, "/operator:"));
        }
        return built;
    }

    public static synchronized String redis() {
        if (!Podman.imageExists(REDIS)) {
            try {
                Path context = Files.createTempDirectory("redis-image");
                Files.createDirectory(context.resolve("ca"));
                Podman.podman("build", "-q", "-t", REDIS, "-f", "scripts/lib/base.Containerfile",
                        "--build-arg", "DEBIAN_IMAGE=" + (Podman.imageExists(DEBIAN) ? DEBIAN : "docker.io/library/debian:trixie"),
                        "--build-arg", "PACKAGES=redis-server", context.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return REDIS;
    }

    private static String named(List<String> names, String part) {
        return names.stream().filter(name -> name.contains(part)).findFirst()
                .orElseThrow(() -> new IllegalStateException("scripts/images printed no " + part + " image: " + names));
    }
}
