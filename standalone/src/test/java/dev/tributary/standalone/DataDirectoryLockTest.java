package dev.tributary.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirectoryLockTest {

    @TempDir
    Path data;

    @Test
    void shouldRefuseASecondStandaloneOnTheSameDataDirectoryNamingTheFirst() throws Exception {
        try (DataDirectoryLock first = DataDirectoryLock.acquire(data)) {
            assertThat(Files.readString(data.resolve(DataDirectoryLock.FILE_NAME)))
                    .isEqualTo(String.valueOf(ProcessHandle.current().pid()));

            assertThatThrownBy(() -> DataDirectoryLock.acquire(data))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Another Tributary standalone (pid " + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining(data.toString());
        }
    }

    @Test
    void shouldTakeTheLockThatAFinishedRunLeftBehind() throws Exception {
        DataDirectoryLock.acquire(data).close();

        try (DataDirectoryLock again = DataDirectoryLock.acquire(data)) {
            assertThat(data.resolve(DataDirectoryLock.FILE_NAME)).exists();
        }
    }
}
