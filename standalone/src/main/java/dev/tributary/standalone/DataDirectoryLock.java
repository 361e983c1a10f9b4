package dev.tributary.standalone;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One standalone per data directory. The operating system releases the lock when the process dies, however it
 * dies, so a lock that can be taken means whatever a previous run left there (a running postmaster, pid and lock
 * files) is an orphan and may be cleared (ADR 0020).
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "standalone.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // held by this JVM
            lock = null;
        }
        if (lock == null) {
            String holder = Files.readString(file).trim();
            channel.close();
            throw new IllegalStateException("Another Tributary standalone" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + " is running on " + dataDirectory + ": stop it first, or choose another --data-dir");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
        return new DataDirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
