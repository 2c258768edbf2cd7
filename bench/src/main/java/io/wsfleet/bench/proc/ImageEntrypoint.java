package io.wsfleet.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options the image starts the gateway with, read from the Dockerfile's
 * {@code ENTRYPOINT ["java", <options>..., "-jar", <jar>]}, so that a run in a pod's memory limit uses the
 * image's own and the Dockerfile stays their one source.
 */
public final class ImageEntrypoint {
    private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^\\s*ENTRYPOINT\\s+\\[(.*)]\\s*$");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private ImageEntrypoint() {
    }

    public static List<String> javaOptions(Path dockerfile) {
        try {
            return javaOptions(Files.readString(dockerfile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dockerfile, e);
        }
    }

    /** The options between {@code "java"} and {@code "-jar"} of the one exec-form {@code java} ENTRYPOINT. */
    public static List<String> javaOptions(String dockerfile) {
        List<List<String>> entrypoints = new ArrayList<>();
        Matcher entrypoint = ENTRYPOINT.matcher(dockerfile);
        while (entrypoint.find()) {
            List<String> arguments = strings(entrypoint.group(1));
            if (!arguments.isEmpty() && arguments.getFirst().equals("java") && arguments.contains("-jar")) {
                entrypoints.add(arguments);
            }
        }
        if (entrypoints.size() != 1) {
            throw new IllegalArgumentException("expected one ENTRYPOINT [\"java\", ..., \"-jar\", ...] in the Dockerfile, found "
                    + entrypoints.size());
        }
        List<String> arguments = entrypoints.getFirst();
        return List.copyOf(arguments.subList(1, arguments.indexOf("-jar")));
    }

    /** The strings of a JSON array's inside, unescaped. */
    private static List<String> strings(String array) {
        List<String> strings = new ArrayList<>();
        Matcher string = STRING.matcher(array);
        while (string.find()) {
            strings.add(string.group(1).replaceAll("\\\\(.)", "$1"));
        }
        return strings;
    }
}
