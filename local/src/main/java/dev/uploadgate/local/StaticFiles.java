package dev.uploadgate.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo page and its assets, from a folder ({@code ./web/} while developing) or from the copy
 * bundled into local.jar. Only plain file names are served: a path with "..", ".", a backslash or
 * a NUL is refused before any file system call, and a folder's file must stay inside the folder
 * once symbolic links are followed.
 */
abstract class StaticFiles {
    /** Where the build copies ../web inside local.jar. */
    static final String BUNDLED_PREFIX = "bundled/web/";
    private static final String INDEX = "index.html";
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("woff2", "font/woff2"));

    /**
     * A file to send.
     *
     * @param content     its bytes
     * @param contentType its media type, from the file name
     */
    record StaticFile(byte[] content, String contentType) {
    }

    static StaticFiles fromDirectory(Path root) {
        return new DirectoryFiles(root);
    }

    static StaticFiles bundled(ClassLoader loader) {
        return new BundledFiles(loader);
    }

    /**
     * @param decodedPath the request path, percent-decoded, starting with '/'
     */
    final Optional<StaticFile> find(String decodedPath) {
        return safeSegments(decodedPath).flatMap(this::read)
                .map(content -> new StaticFile(content.bytes(), contentType(content.name())));
    }

    /** Where files come from, for the startup log. */
    abstract String describe();

    /** The file at these vetted segments, with its name, if there is one. */
    abstract Optional<Content> read(List<String> segments);

    record Content(String name, byte[] bytes) {
    }

    /** The path's segments, with "index.html" for a path ending in '/'; empty when the path is refused. */
    static Optional<List<String>> safeSegments(String decodedPath) {
        if (!decodedPath.startsWith("/")) {
            return Optional.empty();
        }
        String path = decodedPath.endsWith("/") ? decodedPath + INDEX : decodedPath;
        List<String> segments = List.of(path.substring(1).split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\\') >= 0
                    || segment.indexOf('\0') >= 0 || segment.indexOf(':') >= 0) {
                return Optional.empty();
            }
        }
        return Optional.of(segments);
    }

    static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static final class DirectoryFiles extends StaticFiles {
        private final Path root;

        DirectoryFiles(Path root) {
            this.root = root.toAbsolutePath().normalize();
        }

        @Override
        String describe() {
            return root.toString();
        }

        @Override
        Optional<Content> read(List<String> segments) {
            Path file = root;
            for (String segment : segments) {
                file = file.resolve(segment);
            }
            try {
                if (!file.normalize().startsWith(root) || !Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                // A symbolic link inside web/ must not lead out of it.
                if (!file.toRealPath().startsWith(root.toRealPath())) {
                    return Optional.empty();
                }
                return Optional.of(new Content(file.getFileName().toString(), Files.readAllBytes(file)));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    private static final class BundledFiles extends StaticFiles {
        private final ClassLoader loader;

        BundledFiles(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        String describe() {
            return "the copy of web/ bundled in local.jar";
        }

        @Override
        Optional<Content> read(List<String> segments) {
            String name = BUNDLED_PREFIX + String.join("/", segments);
            try (InputStream in = loader.getResourceAsStream(name)) {
                // A folder inside a jar reads as an empty stream or a listing; only names with a file extension count.
                if (in == null || !segments.get(segments.size() - 1).contains(".")) {
                    return Optional.empty();
                }
                return Optional.of(new Content(name, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + " from the jar", e);
            }
        }
    }
}
