package com.mobilemarketing.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where export files live: {@code app.export.dir}, one sub-folder per account, and a ".tmp"
 * folder for files being written. Temporary files sit on the same file system as the final ones,
 * so publishing is an atomic rename; their names carry the job, so a crashed job's leftovers can
 * be found and removed.
 */
@Component
public class ExportStorage {

    private static final Logger log = LoggerFactory.getLogger(ExportStorage.class);
    private static final String TEMP_SUFFIX = ".part";

    private final Path base;
    private final Path temp;

    public ExportStorage(ExportProperties properties) {
        this.base = Path.of(properties.dir()).toAbsolutePath().normalize();
        this.temp = base.resolve(".tmp");
    }

    public Path base() {
        return base;
    }

    public Path tempDir() {
        return temp;
    }

    /** A fresh temporary file name for one attempt of a job. */
    public Path tempFile(long accountId, long jobId, int attempt) throws IOException {
        Files.createDirectories(temp);
        return temp.resolve(accountId + "-" + jobId + "-" + attempt + "-" + UUID.randomUUID() + TEMP_SUFFIX);
    }

    public String newStorageKey(long accountId, ExportFormat format) {
        return accountId + "/" + UUID.randomUUID() + "." + format.extension();
    }

    /** The path of a stored file; a key that would lead outside the storage folder is refused. */
    public Path resolve(String storageKey) {
        var path = base.resolve(storageKey).normalize();
        if (!path.startsWith(base) || path.startsWith(temp)) {
            throw new IllegalArgumentException("Storage key outside the export folder: " + storageKey);
        }
        return path;
    }

    public void delete(String storageKey) {
        try {
            Files.deleteIfExists(resolve(storageKey));
        } catch (IOException e) {
            log.warn("Could not delete export file {}", storageKey, e);
        }
    }

    /** Removes the temporary files of one job (all its attempts). */
    public void deleteTempFiles(long accountId, long jobId) {
        var prefix = accountId + "-" + jobId + "-";
        deleteTemp(name -> name.startsWith(prefix));
    }

    /** Removes temporary files of every job that is not running (left by a crash). */
    public void deleteTempFilesExcept(Set<String> runningPrefixes) {
        deleteTemp(name -> runningPrefixes.stream().noneMatch(name::startsWith));
    }

    public static String tempPrefix(long accountId, long jobId) {
        return accountId + "-" + jobId + "-";
    }

    private void deleteTemp(java.util.function.Predicate<String> which) {
        if (!Files.isDirectory(temp)) {
            return;
        }
        try (var files = Files.list(temp)) {
            for (var file : files.toList()) {
                var name = file.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX) && which.test(name)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
