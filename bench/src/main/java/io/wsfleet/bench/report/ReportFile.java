package io.wsfleet.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Where every scenario's report goes: {@code report.md} in the run's folder, beside its charts. */
final class ReportFile {
    private ReportFile() {
    }

    /**
     * Creates the run's folder and opens its report the same way for every scenario: the title, when it ran
     * with which command and how the processes were set up, then the machine (the caller may add lines about
     * it before its next blank line).
     */
    static List<String> opening(Path folder, String title, String command, String setUp) throws IOException {
        Files.createDirectories(folder);
        List<String> lines = new ArrayList<>();
        lines.add("# " + title);
        lines.add("");
        lines.add("Run " + Instant.now() + " with `" + command + "`. " + setUp);
        lines.add("");
        Machine.describe().forEach(line -> lines.add("- " + line));
        return lines;
    }

    /** Writes the report's lines and returns the file. */
    static Path write(Path folder, List<String> lines) throws IOException {
        return Files.write(folder.resolve("report.md"), lines);
    }
}
