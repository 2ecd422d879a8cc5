package com.mobilemarketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Export from the message list into a folder, then download the file from the Files page. */
class ExportJourneyIT extends E2eTest {

    @Test
    void exportRunsInTheBackgroundAndTheFileDownloads() throws IOException {
        login("anna");
        assumeFeature("export-button");
        byId("export-button").click();
        byId("export-dialog");
        ensureFolder();
        capture("export-dialog");
        byId("export-confirm").click();
        waitGone("export-dialog");

        open("mobile-marketing/files");
        byId("files-grid");
        var download = waitForDownloadLink();
        capture("files");

        var before = files();
        download.click();
        var file = new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            var added = files().stream().filter(f -> !before.contains(f) && !f.toString().endsWith(".crdownload")).toList();
            return added.isEmpty() ? null : added.getFirst();
        });
        var bytes = Files.readAllBytes(file);
        assertThat(bytes.length).isPositive();
        var name = file.getFileName().toString().toLowerCase();
        if (name.endsWith(".xlsx")) {
            assertThat(new String(bytes, 0, 2)).isEqualTo("PK");
        } else {
            var lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).as("a header row and data rows").hasSizeGreaterThan(1);
        }
    }

    /** A fresh account may have no folder yet: create one in the dialog, as a user would. */
    private void ensureFolder() {
        var folder = byId("export-folder");
        var chosen = folder.findElements(By.tagName("input")).stream().map(i -> i.getDomProperty("value")).findFirst().orElse("");
        if (chosen == null || chosen.isBlank()) {
            byId("export-new-folder").click();
            var name = byId("export-new-folder-name").findElement(By.tagName("input"));
            name.sendKeys("Raporty");
            byId("export-new-folder-create").click();
            waitForVaadin();
        }
    }

    /** The finished file's download link; the page updates itself when the export is done. */
    private WebElement waitForDownloadLink() {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(60)).pollingEvery(Duration.ofSeconds(1)).until(d -> {
                var links = d.findElements(By.cssSelector("[id^='file-download-']"));
                if (!links.isEmpty()) {
                    return links.getFirst();
                }
                // A folder row may hold the file: open the first one that is collapsed.
                d.findElements(By.cssSelector("#files-grid vaadin-grid-tree-toggle:not([expanded])")).stream()
                        .findFirst().ifPresent(WebElement::click);
                return null;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            driver.navigate().refresh();
            waitForVaadin();
            return waitFor(By.cssSelector("[id^='file-download-']"));
        }
    }

    private static Set<Path> files() {
        try (Stream<Path> list = Files.list(downloads())) {
            return list.collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
