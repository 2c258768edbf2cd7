package io.wsfleet.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONGEST_ID = "i".repeat(FrameCodec.MAX_MESSAGE_ID_LENGTH);
    private static final String NON_ASCII = "héllo wörld € 日本 😀";

    private final FrameCodec codec = new FrameCodec();

    // ---- decode

    @Test
    void decodesTypePayloadAndMessageId() {
        InboundMessage message = codec.decode("""
                {"type":"room_message","message_id":"m-1","payload":{"room_id":"lobby","content":{"n":1}}}""");

        assertThat(message.type()).isEqualTo(MessageType.ROOM_MESSAGE);
        assertThat(message.messageId()).isEqualTo("m-1");
        assertThat(message.payload().get("room_id").asText()).isEqualTo("lobby");
        assertThat(message.payload().get("content").get("n").asInt()).isEqualTo(1);
    }

    @Test
    void dedupIsAnOptInBoolean() {
        assertThat(codec.decode("{\"type\":\"ping\",\"message_id\":\"m\",\"dedup\":true}").dedup()).isTrue();
        assertThat(codec.decode("{\"type\":\"ping\",\"message_id\":\"m\",\"dedup\":false}").dedup()).isFalse();
        assertThat(codec.decode("{\"type\":\"ping\",\"message_id\":\"m\"}").dedup()).isFalse();
        assertThatThrownBy(() -> codec.decode("{\"type\":\"ping\",\"message_id\":\"m\",\"dedup\":\"yes\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
                    assertThat(e.messageId()).isEqualTo("m");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"ping\"}", "{\"type\":\"ping\",\"payload\":null,\"message_id\":null}"})
    void absentOrNullPayloadAndMessageIdBecomeEmptyObjectAndNull(String frame) {
        InboundMessage message = codec.decode(frame);

        assertThat(message.type()).isEqualTo(MessageType.PING);
        assertThat(message.payload().isEmpty()).isTrue();
        assertThat(message.messageId()).isNull();
    }

    @Test
    void acceptsMessageIdOfMaximumLength() {
        InboundMessage message = codec.decode("{\"type\":\"ping\",\"message_id\":\"" + LONGEST_ID + "\"}");

        assertThat(message.messageId()).isEqualTo(LONGEST_ID);
    }

    static Stream<Arguments> badFrames() {
        return Stream.of(
                Arguments.of("{\"type\":", ErrorCode.BAD_JSON),
                Arguments.of("not json at all", ErrorCode.BAD_JSON),
                Arguments.of("", ErrorCode.BAD_JSON),
                Arguments.of("[{\"type\":\"ping\"}]", ErrorCode.BAD_JSON),
                Arguments.of("\"ping\"", ErrorCode.BAD_JSON),
                Arguments.of("42", ErrorCode.BAD_JSON),
                Arguments.of("null", ErrorCode.BAD_JSON),
                Arguments.of("{\"payload\":{}}", ErrorCode.MISSING_TYPE),
                Arguments.of("{\"type\":null}", ErrorCode.MISSING_TYPE),
                Arguments.of("{\"type\":7}", ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":{\"name\":\"ping\"}}", ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"teleport\"}", ErrorCode.UNKNOWN_TYPE),
                Arguments.of("{\"type\":\"PING\"}", ErrorCode.UNKNOWN_TYPE),
                Arguments.of("{\"type\":\"ack\"}", ErrorCode.UNSUPPORTED_TYPE),
                Arguments.of("{\"type\":\"notification\"}", ErrorCode.UNSUPPORTED_TYPE),
                Arguments.of("{\"type\":\"pong\"}", ErrorCode.UNSUPPORTED_TYPE),
                Arguments.of("{\"type\":\"user_joined\"}", ErrorCode.UNSUPPORTED_TYPE),
                Arguments.of("{\"type\":\"ping\",\"payload\":[]}", ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"ping\",\"payload\":\"hi\"}", ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"ping\",\"payload\":3}", ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"ping\",\"message_id\":\"\"}", ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"ping\",\"message_id\":\"" + LONGEST_ID + "x\"}", ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"ping\",\"message_id\":12}", ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"ping\",\"message_id\":{\"id\":\"m\"}}", ErrorCode.INVALID_FIELD));
    }

    @ParameterizedTest(name = "[{index}] {1}: {0}")
    @MethodSource("badFrames")
    void mapsEachBadFrameToItsErrorCode(String frame, ErrorCode expected) {
        ProtocolException error = decodeFailure(frame);

        assertThat(error.code()).isEqualTo(expected);
        assertThat(error.getMessage()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"ping\"} junk", "{\"type\":\"ping\"}{\"type\":\"chat\"}", "{\"type\":\"ping\"}]"})
    void contentAfterTheObjectIsBadJson(String frame) {
        assertThat(decodeFailure(frame).code()).isEqualTo(ErrorCode.BAD_JSON);
    }

    static Stream<Arguments> framesWithMessageId() {
        return Stream.of(
                Arguments.of("{\"message_id\":\"m-7\"}", ErrorCode.MISSING_TYPE),
                Arguments.of("{\"type\":true,\"message_id\":\"m-7\"}", ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"teleport\",\"message_id\":\"m-7\"}", ErrorCode.UNKNOWN_TYPE),
                Arguments.of("{\"type\":\"ack\",\"message_id\":\"m-7\"}", ErrorCode.UNSUPPORTED_TYPE),
                Arguments.of("{\"type\":\"chat\",\"message_id\":\"m-7\",\"payload\":[1]}", ErrorCode.INVALID_FIELD));
    }

    @ParameterizedTest(name = "[{index}] {1}: {0}")
    @MethodSource("framesWithMessageId")
    void errorCarriesTheFramesMessageId(String frame, ErrorCode expected) {
        ProtocolException error = decodeFailure(frame);

        assertThat(error.code()).isEqualTo(expected);
        assertThat(error.messageId()).isEqualTo("m-7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":", "{\"type\":\"teleport\"}", "{\"type\":\"ping\",\"message_id\":\"\"}"})
    void errorHasNoMessageIdWhenTheFrameHadNoValidOne(String frame) {
        assertThat(decodeFailure(frame).messageId()).isNull();
    }

    @Test
    void unknownTypeMessageAbbreviatesLongTypes() {
        String longType = "x".repeat(1_000);

        ProtocolException error = decodeFailure("{\"type\":\"" + longType + "\"}");

        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(error.getMessage()).hasSizeLessThan(200).doesNotContain(longType);
    }

    private ProtocolException decodeFailure(String frame) {
        ProtocolException error = catchThrowableOfType(ProtocolException.class, () -> codec.decode(frame));
        assertThat(error).as("decoding %s must fail", frame).isNotNull();
        return error;
    }

    // ---- encode

    @Test
    void writesEveryEnvelopeField() throws Exception {
        ObjectNode payload = codec.newObject().put("text", NON_ASCII);

        OutboundFrame frame = codec.encode(new Envelope("chat", payload, 1_700_000_000_123L, "srv-1", "alice"));

        JsonNode json = JSON.readTree(frame.text());
        assertThat(json.get("type").asText()).isEqualTo("chat");
        assertThat(json.get("payload")).isEqualTo(payload);
        assertThat(json.get("timestamp").isIntegralNumber()).isTrue();
        assertThat(json.get("timestamp").asLong()).isEqualTo(1_700_000_000_123L);
        assertThat(json.get("message_id").asText()).isEqualTo("srv-1");
        assertThat(json.get("from").asText()).isEqualTo("alice");
        assertThat(json.has("messageId")).isFalse();
        assertThat(json.size()).isEqualTo(5);
    }

    @Test
    void aFrameReadBackFromAnotherGatewayKeepsItsTypeAndServerTimestamp() {
        // The payload holds its own "timestamp" key and a string that looks like one: neither may be taken.
        ObjectNode payload = codec.newObject().put("timestamp", 42).put("text", "\"timestamp\":7");
        OutboundFrame sent = codec.encode(new Envelope("room_message", payload, 1_700_000_000_123L, "srv-2", "bob"));

        OutboundFrame received = OutboundFrame.received(sent.text().getBytes(StandardCharsets.UTF_8), 0, null);

        assertThat(received.wire()).isEqualTo(sent.wire());
        assertThat(received.text()).isEqualTo(sent.text());
        assertThat(received.bytes()).isEqualTo(sent.bytes());
        assertThat(received.kept()).isFalse();
        assertThat(received.type()).isEqualTo(MessageType.ROOM_MESSAGE);
        assertThat(received.timestamp()).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void textThatIsNotAServerFrameIsNotReadBack() {
        for (String text : List.of("hello", "{\"type\":\"nonsense\",\"timestamp\":1}",
                "{\"type\":\"chat\",\"payload\":{}}", "{\"type\":\"chat\",\"timestamp\":\"x\"}")) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> OutboundFrame.received(utf8, 0, null)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void omitsNullFields() throws Exception {
        OutboundFrame frame = codec.encode(new Envelope("pong", null, 5L, null, null));

        JsonNode json = JSON.readTree(frame.text());
        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("type", "timestamp");
        assertThat(frame.text()).doesNotContain("null");
    }

    @Test
    void sizeIsTheUtf8ByteLengthOfTheText() {
        OutboundFrame frame = codec.encode(new Envelope("chat", codec.newObject().put("text", NON_ASCII), 1L, null, null));

        assertThat(frame.text()).contains(NON_ASCII);
        assertThat(frame.bytes())
                .isEqualTo(frame.text().getBytes(StandardCharsets.UTF_8).length)
                .isGreaterThan(frame.text().length());
    }

    // ---- payload fields of InboundMessage

    private InboundMessage message(String payload) {
        return codec.decode("{\"type\":\"chat\",\"message_id\":\"m-9\",\"payload\":" + payload + "}");
    }

    @Test
    void requiredTextReturnsTheString() {
        assertThat(message("{\"room_id\":\"lobby\"}").requiredText("room_id")).isEqualTo("lobby");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"room_id\":null}"})
    void requiredTextAbsentIsMissingField(String payload) {
        assertPayloadError(() -> message(payload).requiredText("room_id"), ErrorCode.MISSING_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"room_id\":\"\"}", "{\"room_id\":\"   \"}", "{\"room_id\":5}", "{\"room_id\":[\"a\"]}",
            "{\"room_id\":true}"})
    void requiredTextOfWrongShapeIsInvalidField(String payload) {
        assertPayloadError(() -> message(payload).requiredText("room_id"), ErrorCode.INVALID_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}", "\"\"", "false", "0", "[]", "\"text\""})
    void requiredValueAcceptsAnyNonNullJson(String value) throws Exception {
        assertThat(message("{\"content\":" + value + "}").requiredValue("content")).isEqualTo(JSON.readTree(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"content\":null}"})
    void requiredValueAbsentIsMissingField(String payload) {
        assertPayloadError(() -> message(payload).requiredValue("content"), ErrorCode.MISSING_FIELD);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void optionalBooleanFallsBackWhenAbsentOrNull(boolean fallback) {
        assertThat(message("{}").optionalBoolean("flag", fallback)).isEqualTo(fallback);
        assertThat(message("{\"flag\":null}").optionalBoolean("flag", fallback)).isEqualTo(fallback);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void optionalBooleanReturnsThePresentValue(boolean value) {
        assertThat(message("{\"flag\":" + value + "}").optionalBoolean("flag", !value)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "1", "{}"})
    void optionalBooleanOfOtherTypeIsInvalidField(String value) {
        assertPayloadError(() -> message("{\"flag\":" + value + "}").optionalBoolean("flag", false),
                ErrorCode.INVALID_FIELD);
    }

    private void assertPayloadError(ThrowingCallable call, ErrorCode code) {
        ProtocolException error = catchThrowableOfType(ProtocolException.class, call);
        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.messageId()).isEqualTo("m-9");
    }
}
