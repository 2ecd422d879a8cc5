package com.mobilemarketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Export from the message list into a folder, then download the file from the Files page. */
class ExportJourneyIT extends E2eTest {

    @Test
    void exportRunsInTheBackgroundAndTheFileDownloads() throws IOException {
        login("anna");
        byId("export-button");
        click("export-button");
        byId("export-dialog");
        ensureFolder();
        capture("export-dialog");
        click("export-confirm");
        waitGone("export-dialog");
        // The notification that the file is ready: its buttons readable on its green.
        var notification = new WebDriverWait(driver, Duration.ofSeconds(60))
                .pollingEvery(Duration.ofMillis(250))
                .until(d -> d.findElements(By.cssSelector("vaadin-notification-card")).stream()
                        .filter(card ->
                                !card.findElements(By.tagName("vaadin-button")).isEmpty())
                        .findFirst()
                        .orElse(null));
        assertThat(notification.findElements(By.tagName("vaadin-button")))
                .isNotEmpty()
                .allSatisfy(button -> assertThat(contrast(button))
                        .as("contrast of \"%s\" on the notification", button.getText())
                        .isGreaterThanOrEqualTo(4.5));
        save("export-notification-desktop");

        open("mobile-marketing/files");
        byId("files-grid");
        var download = waitForDownloadLink();
        // Even with one file, every column is in view at 1440 px ("Wiersze", "Prywatny", "Stan" were not).
        assertGridFits("files-grid", "desktop");
        capture("files");

        // Fetched through the link in the signed-in browser, as the click would; kept for a look.
        var fileId = Long.parseLong(download.getAttribute("id").substring("file-download-".length()));
        @SuppressWarnings("unchecked")
        var response = (Map<String, Object>) js("""
                return fetch(arguments[0].href, {credentials: 'same-origin'}).then(async r => {
                    const bytes = new Uint8Array(await r.arrayBuffer());
                    let binary = '';
                    for (const b of bytes) binary += String.fromCharCode(b);
                    return {status: r.status, disposition: r.headers.get('content-disposition') || '', body: btoa(binary)};
                });
                """, download);
        assertThat(((Number) response.get("status")).intValue()).isEqualTo(200);
        assertThat((String) response.get("disposition")).startsWith("attachment");
        var bytes = Base64.getDecoder().decode((String) response.get("body"));
        var stored = queryLongs("select size_bytes, coalesce(row_count, -1) from stored_file where id = ?", fileId);
        assertThat((long) bytes.length).as("bytes downloaded").isEqualTo(stored[0]);
        var name = queryString("select name from stored_file where id = ?", fileId);
        Files.write(downloads().resolve(name.replaceAll("[^\\w.\\-]", "_")), bytes);
        if (name.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            assertThat(new String(bytes, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
        } else {
            var lines = new String(bytes, StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank())
                    .count();
            assertThat(lines - 1).as("data rows under the header").isEqualTo(stored[1]);
        }
    }

    /** A fresh account may have no folder yet: create one in the dialog, as a user would. */
    private void ensureFolder() {
        var folder = byId("export-folder");
        var chosen = folder.findElements(By.tagName("input")).stream()
                .map(i -> i.getDomProperty("value"))
                .findFirst()
                .orElse("");
        if (chosen == null || chosen.isBlank()) {
            click("export-new-folder");
            var name = byId("export-new-folder-name").findElement(By.tagName("input"));
            name.sendKeys("Raporty");
            click("export-new-folder-create");
            waitForVaadin();
        }
    }

    /** The finished file's download link; the page updates itself when the export is done. */
    private WebElement waitForDownloadLink() {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(60))
                    .pollingEvery(Duration.ofSeconds(1))
                    .until(d -> {
                        var links = d.findElements(By.cssSelector("[id^='file-download-']"));
                        if (!links.isEmpty()) {
                            return links.getFirst();
                        }
                        // A folder row may hold the file: open the first one that is collapsed.
                        d.findElements(By.cssSelector("#files-grid vaadin-grid-tree-toggle:not([expanded])")).stream()
                                .findFirst()
                                .ifPresent(this::click);
                        return null;
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            driver.navigate().refresh();
            waitForVaadin();
            return waitFor(By.cssSelector("[id^='file-download-']"));
        }
    }
}
