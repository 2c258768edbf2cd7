package io.wsfleet.operator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real helm binary, fetched by scripts/helm-tools, run on the chart in this repository. */
public final class Helm {

    public static final Path REPO = Path.of("").toAbsolutePath().getParent();
    public static final Path CHART = REPO.resolve("helm/wsfleet-operator");

    private final Path binary;

    private Helm(Path binary) {
        this.binary = binary;
    }

    public static Helm fetch() throws IOException, InterruptedException {
        Result tools = run(List.of(REPO.resolve("scripts/helm-tools").toString()));
        if (tools.status() != 0) {
            throw new IllegalStateException("scripts/helm-tools failed: " + tools.output());
        }
        return new Helm(Path.of(tools.output().strip()).resolve("helm/helm"));
    }

    /** Runs helm with these arguments; the chart's path is given by the caller where helm expects it. */
    public Result helm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        return run(command);
    }

    /** helm template, parsed into typed objects. */
    public List<HasMetadata> template(String... setValues) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("template", "wsfleet", CHART.toString(), "--namespace", "wsfleet-system"));
        for (String value : setValues) {
            args.add("--set");
            args.add(value);
        }
        Result result = helm(args.toArray(String[]::new));
        if (result.status() != 0) {
            throw new AssertionError("helm template failed: " + result.output());
        }
        return parse(result.output());
    }

    public static List<HasMetadata> parse(String yaml) throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    objects.add(serialization.convertValue(document, HasMetadata.class));
                }
            }
        }
        return objects;
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(process.exitValue(), output);
    }

    public record Result(int status, String output) {
    }
}
