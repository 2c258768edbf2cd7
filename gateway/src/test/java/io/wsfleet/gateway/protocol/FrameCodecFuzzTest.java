package io.wsfleet.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsfleet.gateway.room.RoomIds;
import io.wsfleet.gateway.support.FuzzInvariant;

/**
 * Client frames as the WebSocket layer hands them over (text; malformed UTF-8 arrives replaced), into
 * the decoder and then through every payload check the message handlers make: each frame decodes or
 * is refused with a documented decode code, and each field check accepts or refuses with
 * {@code missing_field} / {@code invalid_field}. Seeds: every message type, nesting, sizes, numbers,
 * unicode, duplicate keys.
 */
class FrameCodecFuzzTest {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final Set<ErrorCode> DECODE_REFUSALS = EnumSet.of(ErrorCode.BAD_JSON, ErrorCode.MISSING_TYPE,
            ErrorCode.UNKNOWN_TYPE, ErrorCode.UNSUPPORTED_TYPE, ErrorCode.INVALID_FIELD);
    private static final Set<ErrorCode> FIELD_REFUSALS = EnumSet.of(ErrorCode.MISSING_FIELD, ErrorCode.INVALID_FIELD);

    @DictionaryEntries({"\"type\"", "\"payload\"", "\"message_id\"", "\"dedup\"", "\"room_id\"", "\"message\"",
            "\"to\"", "\"is_typing\"", "\"join_room\"", "\"leave_room\"", "\"room_message\"", "\"typing\"",
            "\"chat\"", "\"ping\"", "\"ack\"", "\"error\"", "true", "false", "null", "1e999"})
    @FuzzTest
    void framesDecodeOrAreRefusedWithADocumentedCode(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        AtomicReference<InboundMessage> decoded = new AtomicReference<>();
        Optional<Throwable> refusal = FuzzInvariant.check(input.length, () -> decoded.set(CODEC.decode(text)),
                ProtocolException.class);
        if (refusal.isPresent()) {
            assertThat(((ProtocolException) refusal.get()).code()).isIn(DECODE_REFUSALS);
            return;
        }
        InboundMessage message = decoded.get();
        assertThat(message.type().clientSendable()).isTrue();
        assertThat(message.payload()).isNotNull();
        if (message.messageId() != null) {
            assertThat(message.messageId()).isNotEmpty().hasSizeLessThanOrEqualTo(FrameCodec.MAX_MESSAGE_ID_LENGTH);
        }
        checkField(input.length, () -> RoomIds.valid(message.requiredText("room_id")));
        checkField(input.length, () -> message.requiredText("to"));
        checkField(input.length, () -> message.requiredValue("message"));
        checkField(input.length, () -> message.optionalBoolean("is_typing", true));
    }

    private static void checkField(int inputLength, FuzzInvariant.Attempt check) {
        FuzzInvariant.check(inputLength, check, ProtocolException.class)
                .ifPresent(refused -> assertThat(((ProtocolException) refused).code()).isIn(FIELD_REFUSALS));
    }
}
