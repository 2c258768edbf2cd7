package io.wsfleet.operator.support;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.GatewayConfigFile;
import io.wsfleet.operator.model.GatewayModel;
import io.wsfleet.operator.model.OperatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The gateway pod the operator renders for a cluster, laid out on disk as the kubelet lays it out: each
 * ConfigMap and Secret volume a folder whose files are symlinks through {@code ..data} into a folder of its
 * own, which an update replaces by swapping that one symlink (the kubelet's atomic writer); the
 * container's environment with Secret references resolved and the mount paths moved to those folders.
 */
public final class GatewayPod {
    private static final String DATA = "..data";
    private static final AtomicLong GENERATIONS = new AtomicLong();

    private final Container container;
    private final PodSpec pod;
    private final Map<String, Map<String, String>> secrets;
    private final Path root;

    private GatewayPod(PodSpec pod, Map<String, Map<String, String>> secrets, Path root) {
        this.pod = pod;
        this.container = pod.getContainers().getFirst();
        this.secrets = new HashMap<>(secrets);
        this.root = root;
    }

    /**
     * Lays out the pod of {@code cluster} under {@code root}. {@code secrets} are the namespace's Secrets (name to data);
     * as with a kubelet, a Secret or key the pod needs and the namespace lacks is an error.
     */
    public static GatewayPod of(WebSocketCluster cluster, Map<String, Map<String, String>> secrets, Path root) {
        PodSpec spec = GatewayModel.deployment(cluster, OperatorSettings.defaults()).getSpec().getTemplate().getSpec();
        GatewayPod pod = new GatewayPod(spec, secrets, root);
        ConfigMap configMap = GatewayModel.configMap(cluster);
        for (Volume volume : spec.getVolumes()) {
            if (volume.getConfigMap() != null) {
                pod.write(volume.getName(), configMap.getData());
            } else if (volume.getSecret() != null) {
                pod.write(volume.getName(), pod.files(volume.getSecret()));
            } else {
                pod.createFolder(pod.volume(volume.getName()));
            }
        }
        return pod;
    }

    /** The folder that stands in for a volume. */
    public Path volume(String name) {
        return root.resolve(name);
    }

    /**
     * The container's environment as the process gets it: Secret references resolved, paths under a mount moved to its
     * folder. The seed file's path is written inside the config file, where it cannot move; the environment, which wins
     * over the file, points the gateway at the moved one.
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            String value = variable.getValueFrom() != null
                    ? secretValue(variable.getValueFrom().getSecretKeyRef())
                    : moved(Objects.requireNonNullElse(variable.getValue(), "")); // no value is the empty string, as in Kubernetes
            environment.put(variable.getName(), value);
        }
        environment.put("ROOMS_FILE", moved(GatewayConfigFile.DIRECTORY + "/" + GatewayConfigFile.ROOMS_FILE_NAME));
        return environment;
    }

    /** Changes a Secret as the API server does, and every volume of it as the kubelet then does, in one atomic swap each. */
    public void updateSecret(String name, Map<String, String> data) {
        secrets.put(name, Map.copyOf(data));
        for (Volume volume : pod.getVolumes()) {
            if (volume.getSecret() != null && volume.getSecret().getSecretName().equals(name)) {
                write(volume.getName(), files(volume.getSecret()));
            }
        }
    }

    /** The files of a Secret volume: its items, or else every key of the Secret. */
    private Map<String, String> files(SecretVolumeSource source) {
        Map<String, String> data = secret(source.getSecretName());
        List<KeyToPath> items = source.getItems();
        if (items == null || items.isEmpty()) {
            return data;
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (KeyToPath item : items) {
            files.put(item.getPath(), required(data, source.getSecretName(), item.getKey()));
        }
        return files;
    }

    private String secretValue(SecretKeySelector reference) {
        return required(secret(reference.getName()), reference.getName(), reference.getKey());
    }

    private Map<String, String> secret(String name) {
        Map<String, String> data = secrets.get(name);
        if (data == null) {
            throw new IllegalStateException("the pod needs Secret " + name + ", which does not exist: it would not start");
        }
        return data;
    }

    private static String required(Map<String, String> data, String secret, String key) {
        String value = data.get(key);
        if (value == null) {
            throw new IllegalStateException("the pod needs key " + key + " of Secret " + secret + ", which it lacks: it would not start");
        }
        return value;
    }

    private String moved(String value) {
        for (VolumeMount mount : container.getVolumeMounts()) {
            String path = mount.getMountPath();
            if (value.equals(path) || value.startsWith(path + "/")) {
                return volume(mount.getName()) + value.substring(path.length());
            }
        }
        return value;
    }

    /**
     * The kubelet's atomic writer: the new files in a fresh folder (the kubelet names it by the time), a {@code ..data}
     * symlink to it renamed over the old one, each file a symlink through {@code ..data}, then the old folder removed. A
     * reader never sees a mix.
     */
    private void write(String volumeName, Map<String, String> files) {
        Path folder = volume(volumeName);
        try {
            createFolder(folder);
            Path generation = Files.createDirectory(folder.resolve("..generation-" + GENERATIONS.incrementAndGet()));
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(generation.resolve(file.getKey()), file.getValue());
            }
            Path previous = Files.isSymbolicLink(folder.resolve(DATA)) ? folder.resolve(Files.readSymbolicLink(folder.resolve(DATA))) : null;
            Path swap = Files.createSymbolicLink(folder.resolve(DATA + "_tmp"), generation.getFileName());
            Files.move(swap, folder.resolve(DATA), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            for (String name : files.keySet()) {
                Path link = folder.resolve(name);
                if (!Files.isSymbolicLink(link)) {
                    Files.createSymbolicLink(link, Path.of(DATA, name));
                }
            }
            if (previous != null) {
                delete(previous);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }
}
