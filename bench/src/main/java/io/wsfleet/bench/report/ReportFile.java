package io.wsfleet.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where every scenario's report goes: {@code report.md} in the run's folder, beside its charts. */
final class ReportFile {
    private ReportFile() {
    }

    /** Writes the report's lines and returns the file. */
    static Path write(Path folder, List<String> lines) throws IOException {
        return Files.write(folder.resolve("report.md"), lines);
    }
}
