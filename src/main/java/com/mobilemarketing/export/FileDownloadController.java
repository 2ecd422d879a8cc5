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
import org.springframework.web.server.ResponseStatusException;

/**
 * Downloads of stored files at {@value #PATH}{id}: only for a signed-in marketer of the file's
 * account, and a private file only for its owner. Anything else, including a file of another
 * account, is 404 so nothing reveals that it exists.
 */
@RestController
public class FileDownloadController {

    public static final String PATH = "/files/";

    private final ExportRepository repository;
    private final ExportStorage storage;

    public FileDownloadController(ExportRepository repository, ExportStorage storage) {
        this.repository = repository;
        this.storage = storage;
    }

    public static String url(long fileId) {
        return PATH + fileId;
    }

    @GetMapping(PATH + "{id}")
    public ResponseEntity<Resource> download(@PathVariable("id") String id, @AuthenticationPrincipal @Nullable AppUserDetails principal) {
        if (principal == null || principal.user().accountId() == null || !id.matches("\\d{1,18}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        var user = principal.user();
        var file = repository.findDownloadable(user.requireAccountId(), user.id(), Long.parseLong(id))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var path = storage.resolve(file.storageKey());
        if (!Files.isRegularFile(path)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.name(), StandardCharsets.UTF_8)
                        .build()
                        .toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .contentType(MediaType.parseMediaType(file.contentType()))
                .contentLength(file.sizeBytes())
                .body(new FileSystemResource(path));
    }
}
