package com.mobilemarketing.export;

import com.mobilemarketing.core.security.AppUserDetails;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads of stored files at {@value #PATH}{id}: only for a signed-in marketer of the file's
 * account, and a private file only for its owner. Anything else, including a file of another
 * account, is 404 so nothing reveals that it exists.
 */
@RestController
public class FileDownloadController {

    public static final String PATH = "/files/";

    private final StoredFileRepository repository;
    private final ExportStorage storage;

    public FileDownloadController(StoredFileRepository repository, ExportStorage storage) {
        this.repository = repository;
        this.storage = storage;
    }

    public static String url(long fileId) {
        return PATH + fileId;
    }

    /**
     * Not-found answers are returned, not thrown: a thrown status goes through the servlet error
     * dispatch, which the security chain answers with 403 and so would reveal a difference.
     */
    @GetMapping(PATH + "{id}")
    public ResponseEntity<Resource> download(
            @PathVariable("id") String id, @AuthenticationPrincipal @Nullable AppUserDetails principal) {
        if (principal == null || principal.user().accountId() == null || !id.matches("\\d{1,18}")) {
            return notFound();
        }
        var user = principal.user();
        var file = repository.findDownloadable(user.requireAccountId(), user.id(), Long.parseLong(id));
        if (file.isEmpty()) {
            return notFound();
        }
        var path = storage.resolve(file.get().storageKey());
        if (!Files.isRegularFile(path)) {
            return notFound();
        }
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.get().name(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .contentType(MediaType.parseMediaType(file.get().contentType()))
                .contentLength(file.get().sizeBytes())
                .body(new FileSystemResource(path));
    }

    private static ResponseEntity<Resource> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
