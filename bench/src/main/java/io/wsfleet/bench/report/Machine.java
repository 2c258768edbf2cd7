package io.wsfleet.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.wsfleet.bench.proc.LoadAverage;

/** A description of the machine and the software a run used, for the report's header. */
public final class Machine {

    private Machine() {
    }

    public static List<String> describe() {
        return List.of(
                "CPU: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available",
                "Memory: " + memTotal(),
                "Kernel: " + command("uname", "-sr"),
                "JDK: " + System.getProperty("java.vm.name") + " " + Runtime.version(),
                "Node: " + command("node", "--version"),
                "Redis: " + command("redis-server", "--version"),
                "Open-file limit per process: " + command("bash", "-c", "ulimit -n"),
                "Load average when the report was written (1, 5, 15 min): "
                        + LoadAverage.now().map(LoadAverage::toString).orElse("unknown")
                        + " (anything above the load the run itself puts on the cores means other work shared them)");
    }

    private static String cpuModel() {
        return grep(Path.of("/proc/cpuinfo"), "model name");
    }

    private static String memTotal() {
        return grep(Path.of("/proc/meminfo"), "MemTotal");
    }

    private static String grep(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** What {@code command} printed, or why it could not run. */
    static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor();
            return output;
        } catch (IOException e) {
            return "unavailable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
