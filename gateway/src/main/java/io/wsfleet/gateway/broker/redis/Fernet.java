package io.wsfleet.gateway.broker.redis;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fernet tokens (the format of Python's {@code cryptography.fernet}, as in the seed): AES-128-CBC with
 * PKCS#7 padding, authenticated with HMAC-SHA256, in URL-safe base64. The key is 32 bytes of URL-safe
 * base64: the first half signs, the second half encrypts. A token that was altered, or made with
 * another key, is refused.
 */
final class Fernet {
    private static final byte VERSION = (byte) 0x80;
    private static final int HEADER = 1 + 8 + 16;
    private static final int HMAC_LENGTH = 32;

    private final SecretKeySpec signingKey;
    private final SecretKeySpec encryptionKey;
    private final SecureRandom random = new SecureRandom();

    Fernet(String base64Key) {
        byte[] key = Base64.getUrlDecoder().decode(base64Key);
        if (key.length != 32) {
            throw new IllegalArgumentException("a Fernet key is 32 bytes of URL-safe base64, got " + key.length + " bytes");
        }
        this.signingKey = new SecretKeySpec(Arrays.copyOfRange(key, 0, 16), "HmacSHA256");
        this.encryptionKey = new SecretKeySpec(Arrays.copyOfRange(key, 16, 32), "AES");
    }

    String encrypt(byte[] plaintext) {
        byte[] iv = new byte[16];
        random.nextBytes(iv);
        return encrypt(plaintext, System.currentTimeMillis() / 1000, iv);
    }

    /** With the time and IV given: deterministic, for tests against other implementations. */
    String encrypt(byte[] plaintext, long epochSeconds, byte[] iv) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(iv));
            byte[] ciphertext = aes.doFinal(plaintext);
            ByteBuffer token = ByteBuffer.allocate(HEADER + ciphertext.length + HMAC_LENGTH);
            token.put(VERSION).putLong(epochSeconds).put(iv).put(ciphertext);
            token.put(hmac(token.array(), HEADER + ciphertext.length));
            return Base64.getUrlEncoder().encodeToString(token.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC and HmacSHA256 are part of every JDK", e);
        }
    }

    byte[] decrypt(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Fernet token");
        }
        if (bytes.length < HEADER + 16 + HMAC_LENGTH || bytes[0] != VERSION) {
            throw new IllegalArgumentException("not a Fernet token");
        }
        int signed = bytes.length - HMAC_LENGTH;
        try {
            if (!MessageDigest.isEqual(hmac(bytes, signed), Arrays.copyOfRange(bytes, signed, bytes.length))) {
                throw new IllegalArgumentException("Fernet token altered or made with another key");
            }
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, encryptionKey, new IvParameterSpec(bytes, 9, 16));
            return aes.doFinal(bytes, HEADER, signed - HEADER);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Fernet token does not decrypt", e);
        }
    }

    private byte[] hmac(byte[] data, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(signingKey);
        mac.update(data, 0, length);
        return mac.doFinal();
    }
}
