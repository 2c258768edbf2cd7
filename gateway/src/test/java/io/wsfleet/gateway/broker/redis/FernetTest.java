package io.wsfleet.gateway.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class FernetTest {
    // Made with Python's cryptography 48 (Fernet(KEY)._encrypt_from_parts(PLAINTEXT, 1795000000, IV)).
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String PLAINTEXT = "{\"type\":\"room_message\",\"payload\":{\"message\":\"hello\"}}";
    private static final String PYTHON_TOKEN = "gAAAAABq_YbAZGVmZ2hpamtsbW5vcHFyc7psHf-kUosxaOPplLTVPfO3-XSjWVc-VKCXulyu"
            + "um2v329mC5pFEt4gUly8jEEJZoHx0yuRNW-sMJonBbqeqn9Yv8Lh8ZmYuIVUKNwi91l_sbRnwpQPkDHLW5pzbW8erg==";
    private static final byte[] IV = new byte[16];

    static {
        for (int i = 0; i < 16; i++) {
            IV[i] = (byte) (100 + i);
        }
    }

    private final Fernet fernet = new Fernet(KEY);

    @Test
    void producesTheTokensPythonProduces() {
        assertThat(fernet.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8), 1_795_000_000L, IV)).isEqualTo(PYTHON_TOKEN);
    }

    @Test
    void readsTokensPythonProduced() {
        assertThat(fernet.decrypt(PYTHON_TOKEN)).isEqualTo(PLAINTEXT.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsWithARandomIv() {
        byte[] plaintext = "héllo wörld".getBytes(StandardCharsets.UTF_8);
        String token = fernet.encrypt(plaintext);
        assertThat(token).doesNotContain("llo");
        assertThat(fernet.decrypt(token)).isEqualTo(plaintext);
        assertThat(fernet.encrypt(plaintext)).isNotEqualTo(fernet.encrypt(plaintext));
    }

    @Test
    void refusesAlteredTokensAndOtherKeys() {
        byte[] bytes = Base64.getUrlDecoder().decode(PYTHON_TOKEN);
        bytes[40] ^= 1;
        String altered = Base64.getUrlEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> fernet.decrypt(altered)).isInstanceOf(IllegalArgumentException.class);
        Fernet other = new Fernet(Base64.getUrlEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> other.decrypt(PYTHON_TOKEN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fernet.decrypt("not a token")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesKeysOfTheWrongSize() {
        assertThatThrownBy(() -> new Fernet(Base64.getUrlEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
