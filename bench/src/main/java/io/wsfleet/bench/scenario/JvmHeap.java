package io.wsfleet.bench.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heap a JVM still uses after a full GC, asked with {@code jcmd} from the JDK running the harness. */
final class JvmHeap {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private JvmHeap() {
    }

    static long usedAfterGc(long pid) {
        JdkTool.run("jcmd", String.valueOf(pid), "GC.run");
        Matcher used = USED.matcher(JdkTool.run("jcmd", String.valueOf(pid), "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("no heap figure from jcmd " + pid);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }
}
