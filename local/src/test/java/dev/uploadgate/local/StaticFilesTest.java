package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticFilesTest {
    @TempDir
    Path temp;
    private Path web;
    private StaticFiles files;

    @BeforeEach
    void createFolder() throws IOException {
        web = Files.createDirectory(temp.resolve("web"));
        Files.writeString(web.resolve("index.html"), "<h1>home</h1>");
        Files.createDirectory(web.resolve("js"));
        Files.writeString(web.resolve("js").resolve("app.mjs"), "export {}");
        Files.writeString(temp.resolve("secret.txt"), "not for the web");
        files = StaticFiles.fromDirectory(web);
    }

    @Test
    void find_root_servesIndex() {
        assertThat(files.find("/")).hasValueSatisfying(file -> {
            assertThat(new String(file.content(), StandardCharsets.UTF_8)).isEqualTo("<h1>home</h1>");
            assertThat(file.contentType()).isEqualTo("text/html; charset=utf-8");
        });
    }

    @Test
    void find_nestedModule_servesItAsJavaScript() {
        assertThat(files.find("/js/app.mjs")).map(StaticFiles.StaticFile::contentType).contains("text/javascript; charset=utf-8");
    }

    @Test
    void find_missingFileOrFolder_isEmpty() {
        assertThat(files.find("/nope.html")).isEmpty();
        assertThat(files.find("/js")).isEmpty();
    }

    @Test
    void find_traversalAttempts_areRefused() {
        assertThat(files.find("/../secret.txt")).isEmpty();
        assertThat(files.find("/js/../../secret.txt")).isEmpty();
        assertThat(files.find("/./index.html")).isEmpty();
        assertThat(files.find("/..\\secret.txt")).isEmpty();
        assertThat(files.find("//etc/passwd")).isEmpty();
        assertThat(files.find("/C:/secret.txt")).isEmpty();
    }

    @Test
    void find_symbolicLinkLeadingOut_isRefused() throws IOException {
        Files.createSymbolicLink(web.resolve("leak.txt"), temp.resolve("secret.txt"));

        assertThat(files.find("/leak.txt")).isEmpty();
    }

    @Test
    void bundled_copyOfProjectPage_isOnTheClassPath() throws IOException {
        byte[] projectPage = Files.readAllBytes(TestTemplates.PROJECT_WEB.resolve("index.html"));

        assertThat(StaticFiles.bundled(getClass().getClassLoader()).find("/"))
                .hasValueSatisfying(file -> assertThat(file.content()).isEqualTo(projectPage));
        assertThat(StaticFiles.bundled(getClass().getClassLoader()).find("/../template.yaml")).isEmpty();
        assertThat(StaticFiles.bundled(getClass().getClassLoader()).find("/package.json")).isEmpty();
    }
}
