package dev.tributary.support.secret;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals secrets (activation's destinations, ingestion's connector sources) with AES-256-GCM: a random 12-byte nonce per
 * sealing, stored before the ciphertext, and the owner's id as associated data, so a sealed value copied onto another
 * row does not open (ADR 0026, ADR 0027).
 */
public final class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final String setting;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(SecretKey key, String setting) {
        this.key = key;
        this.setting = setting;
    }

    /**
     * @param base64Key base64 of exactly 32 bytes
     * @param setting   the property holding it, named in every error (e.g. {@code cdp.activation.secrets-key})
     * @throws IllegalStateException when the key is missing or not 32 bytes: the service must not start without it
     */
    public static SecretBox fromBase64(String base64Key, String setting) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException(setting + " (CDP_SECRETS_KEY) is not set: it must be the "
                    + "base64 of 32 random bytes, e.g. from 'openssl rand -base64 32'");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " (CDP_SECRETS_KEY) is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(setting + " (CDP_SECRETS_KEY) must decode to 32 bytes, not "
                    + bytes.length);
        }
        return new SecretBox(new SecretKeySpec(bytes, "AES"), setting);
    }

    public byte[] seal(String plaintext, String owner) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalStateException when the value was not sealed with this key for this owner */
    public String open(byte[] sealed, String owner) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // deliberately without the cause's details: they say nothing useful and nothing secret belongs in a log
            throw new IllegalStateException("A stored secret does not open with the configured "
                    + setting + " (changed key, or tampered row)");
        }
    }
}
