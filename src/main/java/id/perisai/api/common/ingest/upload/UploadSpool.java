package id.perisai.api.common.ingest.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import id.perisai.api.common.config.PerisaiConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Bounded local storage for uploads being received: one file per upload, encrypted with a key of its own that exists
 * only in this process's memory (AES-256-CTR), in a private directory of this replica under
 * {@code PERISAI_UPLOAD_SPOOL_DIRECTORY}. At most {@code PERISAI_UPLOAD_SPOOL_MAX_SIZE} bytes are spooled at once.
 * <p>
 * What happens to a spool file when the process dies: nothing can read it any more (its key died with the process),
 * and no database row refers to it (the batch is written only after the body has arrived). The replica's directory is
 * held by an exclusive file lock for as long as the process lives; at start-up every replica deletes the directories
 * whose lock nobody holds — those of dead processes — with whatever they contain.
 */
@ApplicationScoped
public class UploadSpool {

    private static final Logger LOG = Logger.getLogger(UploadSpool.class);
    static final String LOCK = ".lock";

    private final Path root;
    private final long maxBytes;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private Path directory;
    private FileChannel lockChannel;
    private FileLock lock;

    public UploadSpool(PerisaiConfig config) {
        this.root = Path.of(config.upload().spoolDirectory());
        this.maxBytes = config.upload().spoolMaxSize().asLongValue();
    }

    /** {@code perisai_upload_spool_bytes} and {@code perisai_uploads_receiving}. */
    @jakarta.inject.Inject
    void metrics(io.micrometer.core.instrument.MeterRegistry registry) {
        registry.gauge("perisai.upload.spool.bytes", reserved);
        registry.gauge("perisai.uploads.receiving", open);
    }

    void start(@Observes StartupEvent event) {
        directory();
    }

    /** This replica's directory, created (and the dead replicas' ones swept) on first use. */
    synchronized Path directory() {
        if (directory != null) {
            return directory;
        }
        try {
            Files.createDirectories(root);
            sweep();
            Path own = root.resolve(UUID.randomUUID().toString());
            if (posix()) {
                Files.createDirectory(own, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(own);
            }
            lockChannel = FileChannel.open(own.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            lock = lockChannel.lock();
            directory = own;
            return own;
        } catch (IOException e) {
            throw new UncheckedIOException("the upload spool directory " + root + " cannot be used", e);
        }
    }

    /** Deletes the directories of processes that are gone (nobody holds their lock). */
    void sweep() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
                if (dir.equals(directory) || !ownerIsGone(dir)) {
                    continue;
                }
                int files = delete(dir);
                LOG.infof("Removed the upload spool of a replica that is gone (%d files)", files);
            }
        }
    }

    private static boolean ownerIsGone(Path dir) {
        Path lockFile = dir.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return false;
            }
            probe.release();
            return true;
        } catch (OverlappingFileLockException heldByThisProcess) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static int delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            int n = 0;
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
                n++;
            }
            return n - 1;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (this) {
            if (directory == null) {
                return;
            }
            try {
                if (open.get() == 0) {
                    lock.release();
                    lockChannel.close();
                    delete(directory);
                }
                // else: uploads still in flight delete their own files; the directory goes at the next start
            } catch (IOException e) {
                LOG.debugf("upload spool directory not removed: %s", e.getClass().getName());
            }
        }
    }

    /** Bodies that declare at most this many bytes are kept in memory rather than in a file. */
    public static final long IN_MEMORY_LIMIT = 64 * 1024;

    /** A new, empty spool file (created by the receiver on the event loop's file system). */
    public SpoolFile newFile() {
        Path path = directory().resolve(UUID.randomUUID() + ".upload");
        open.incrementAndGet();
        return new SpoolFile(path, this, false);
    }

    /** A new, empty body kept in memory (for a small body of a declared length). */
    public SpoolFile newInMemory() {
        open.incrementAndGet();
        return new SpoolFile(directory().resolve(UUID.randomUUID() + ".memory"), this, true);
    }

    /** Reserves room for {@code bytes} more spooled bytes; false when the spool is full. */
    boolean reserve(long bytes) {
        long now = reserved.addAndGet(bytes);
        if (now > maxBytes) {
            reserved.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    void released(long bytes) {
        reserved.addAndGet(-bytes);
        open.decrementAndGet();
    }

    /** Bytes currently spooled (for the metrics). */
    public long spooledBytes() {
        return reserved.get();
    }

    /** Spool files currently open. */
    public int openFiles() {
        return open.get();
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
