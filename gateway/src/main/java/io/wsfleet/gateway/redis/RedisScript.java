package io.wsfleet.gateway.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), so that a hot-path call sends its keys and arguments
 * but not the script's text; a server that does not have it yet (just started, restarted, another
 * cluster node) answers {@code NOSCRIPT} and gets it once with {@code EVAL}.
 */
public record RedisScript(String source, String sha1) {

    public static RedisScript of(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return new RedisScript(source, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    public <T> CompletionStage<T> run(RedisClusterAsyncCommands<String, String> commands, ScriptOutputType type,
                                      String[] keys, String... args) {
        return commands.<T>evalsha(sha1, type, keys, args).exceptionallyCompose(failure ->
                cause(failure) instanceof RedisNoScriptException
                        ? commands.<T>eval(source, type, keys, args)
                        : CompletableFuture.failedStage(failure));
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
