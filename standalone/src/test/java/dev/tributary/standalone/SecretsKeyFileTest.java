package dev.tributary.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsKeyFileTest {

    @TempDir
    Path data;

    @Test
    void shouldGenerateA32ByteKeyReadableByItsOwnerOnlyOnceAndReuseItAtEveryStart() throws Exception {
        String first = SecretsKeyFile.readOrCreate(data);
        String second = SecretsKeyFile.readOrCreate(data);

        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(SecretsKeyFile.NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    void shouldRefuseAnEmptyKeyFileRatherThanGenerateANewKeyOverIt() throws Exception {
        Files.writeString(data.resolve(SecretsKeyFile.NAME), "\n");

        assertThatThrownBy(() -> SecretsKeyFile.readOrCreate(data)).isInstanceOf(IOException.class)
                .hasMessageContaining("secrets.key is empty");
        assertThat(Files.readString(data.resolve(SecretsKeyFile.NAME))).isEqualTo("\n");
    }

    @Test
    void shouldTakeTheActivationAndEmulatorPortsAndTheSecretsKeyFromTheEnvironment() {
        StandaloneOptions defaults = StandaloneOptions.parse(new String[0], Map.of());
        StandaloneOptions set = StandaloneOptions.parse(new String[0], Map.of("CDP_ACTIVATION_PORT", "9084",
                "CDP_EMULATORS_PORT", "9090", "CDP_SECRETS_KEY", " a2V5 "));

        assertThat(defaults.activationPort()).isEqualTo(8084);
        assertThat(defaults.emulatorsPort()).isEqualTo(8090);
        assertThat(defaults.secretsKey()).isNull();
        assertThat(set.activationPort()).isEqualTo(9084);
        assertThat(set.emulatorsPort()).isEqualTo(9090);
        assertThat(set.secretsKey()).isEqualTo("a2V5");
    }

    @Test
    void shouldTakeTheConsolesPortAndAdminPasswordFromTheEnvironment() {
        StandaloneOptions defaults = StandaloneOptions.parse(new String[0], Map.of());
        StandaloneOptions set = StandaloneOptions.parse(new String[0], Map.of("CDP_CONSOLE_PORT", "9080",
                "CDP_CONSOLE_ADMIN_PASSWORD", "chosen"));

        assertThat(defaults.consolePort()).isEqualTo(8080);
        assertThat(defaults.consoleAdminPassword()).isNull();
        assertThat(set.consolePort()).isEqualTo(9080);
        assertThat(set.consoleAdminPassword()).isEqualTo("chosen");
    }
}
