package io.wsfleet.gateway.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), so that a hot-path call sends its keys and arguments
 * but not the script's text; a server that does not have it yet (just started, restarted, another
 * cluster node) answers {@code NOSCRIPT} and gets it once with {@code EVAL}. Keys and arguments go as
 * bytes, so that callers can render the ones that repeat (a room's keys, a retention's numbers) once;
 * bulk replies come back as bytes too.
 */
public final class RedisScript {
    private final byte[] source;
    /** The digest as Redis names it: 40 hex digits, sent with every call. */
    private final byte[] sha1;

    private RedisScript(byte[] source, byte[] sha1) {
        this.source = source;
        this.sha1 = sha1;
    }

    public static RedisScript of(String source) {
        byte[] utf8 = source.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(utf8);
            return new RedisScript(utf8, HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /**
     * Runs the script; {@code VALUE} answers a {@code byte[]} (or {@code null}), {@code INTEGER} a {@code Long},
     * {@code MULTI} a list of {@code byte[]}, {@code Long} and nested lists.
     */
    public <T> CompletionStage<T> run(RedisConnections redis, ScriptOutputType type, byte[][] keys, byte[]... args) {
        RedisFuture<T> byDigest = redis.dispatch(CommandType.EVALSHA, output(type), arguments(sha1, keys, args));
        return byDigest.exceptionallyCompose(failure -> cause(failure) instanceof RedisNoScriptException
                ? redis.<T>dispatch(CommandType.EVAL, output(type), arguments(source, keys, args))
                : CompletableFuture.failedStage(failure));
    }

    private static CommandArgs<byte[], byte[]> arguments(byte[] script, byte[][] keys, byte[][] args) {
        return new CommandArgs<>(ByteArrayCodec.INSTANCE).add(script).add(keys.length).addKeys(keys).addValues(args);
    }

    @SuppressWarnings("unchecked")
    private static <T> CommandOutput<byte[], byte[], T> output(ScriptOutputType type) {
        return (CommandOutput<byte[], byte[], T>) switch (type) {
            case VALUE -> new ValueOutput<>(ByteArrayCodec.INSTANCE);
            case INTEGER -> new IntegerOutput<>(ByteArrayCodec.INSTANCE);
            case MULTI -> new NestedMultiOutput<>(ByteArrayCodec.INSTANCE);
            default -> throw new IllegalArgumentException("no script answers " + type + " here");
        };
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
