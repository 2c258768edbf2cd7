package io.wsfleet.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void countsWhatTheEncoderWrites() {
        for (String text : new String[] {"", "plain ascii", "café", "€100", "😀 smile", "\uD83D", "a\uDE00b",
                "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "end\uD83D"}) {
            assertThat(Utf8.length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void agreesWithTheEncoderOnRandomText() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 10_000; round++) {
            char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                // Mostly the edges of each encoded length, surrogates included, paired or not.
                chars[i] = switch (random.nextInt(6)) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) random.nextInt(0x80, 0x800);
                    case 2 -> (char) random.nextInt(0xD800, 0xDC00);
                    case 3 -> (char) random.nextInt(0xDC00, 0xE000);
                    default -> (char) random.nextInt(0x800, 0x10000);
                };
            }
            String text = new String(chars);
            assertThat(Utf8.length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
