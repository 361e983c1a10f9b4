package dev.tributary.support.secret;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private static final String SETTING = "cdp.activation.secrets-key";
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void shouldOpenWhatItSealedForTheSameOwner() {
        SecretBox box = SecretBox.fromBase64(KEY, SETTING);
        byte[] sealed = box.seal("{\"clientSecret\":\"s3cr3t\"}", "owner-1");
        assertThat(box.open(sealed, "owner-1")).isEqualTo("{\"clientSecret\":\"s3cr3t\"}");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t");
    }

    @Test
    void shouldSealTheSameSecretDifferentlyEachTime() {
        SecretBox box = SecretBox.fromBase64(KEY, SETTING);
        assertThat(box.seal("same", "o")).isNotEqualTo(box.seal("same", "o"));
    }

    @Test
    void shouldRefuseToOpenASecretCopiedToAnotherOwnerOrTamperedWith() {
        SecretBox box = SecretBox.fromBase64(KEY, SETTING);
        byte[] sealed = box.seal("secret", "owner-1");
        assertThatThrownBy(() -> box.open(sealed, "owner-2")).isInstanceOf(IllegalStateException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(sealed, "owner-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseToOpenWithAnotherKey() {
        byte[] sealed = SecretBox.fromBase64(KEY, SETTING).seal("secret", "o");
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> SecretBox.fromBase64(Base64.getEncoder().encodeToString(other), SETTING).open(sealed, "o"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cdp.activation.secrets-key");
    }

    @Test
    void shouldRefuseAMissingOrShortKeyNamingTheSetting() {
        assertThatThrownBy(() -> SecretBox.fromBase64(null, SETTING)).hasMessageContaining("CDP_SECRETS_KEY");
        assertThatThrownBy(() -> SecretBox.fromBase64(" ", SETTING)).hasMessageContaining("CDP_SECRETS_KEY");
        assertThatThrownBy(() -> SecretBox.fromBase64(Base64.getEncoder().encodeToString(new byte[16]), SETTING))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretBox.fromBase64("not base64!", SETTING)).hasMessageContaining("base64");
    }
}
