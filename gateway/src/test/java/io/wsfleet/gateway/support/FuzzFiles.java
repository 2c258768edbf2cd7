package io.wsfleet.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The file a file-parsing fuzz target writes each input into; inputs run one at a time. */
public final class FuzzFiles {

    private FuzzFiles() {
    }

    public static Path temporary(String prefix) {
        try {
            Path file = Files.createTempFile(prefix, ".yaml");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
