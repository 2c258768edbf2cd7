package io.wsfleet.bench.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A tool of the JDK running the harness ({@code jcmd}, {@code jstat}), pointed at another JVM. */
final class JdkTool {

    private JdkTool() {
    }

    /** Runs {@code tool} with {@code arguments} and returns what it printed, or fails with it. */
    static String run(String tool, String... arguments) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path executable = Path.of(java).resolveSibling(tool);
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
