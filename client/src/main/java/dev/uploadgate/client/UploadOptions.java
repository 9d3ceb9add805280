package dev.uploadgate.client;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one upload is named and kept: the file name the server builds the key from, the content
 * type, user metadata, and an optional resume state file.
 *
 * <pre>{@code
 * UploadOptions options = UploadOptions.builder()
 *         .fileName("backup.tar")
 *         .contentType("application/x-tar")
 *         .stateFile(Path.of("backup.tar.upload-state"))
 *         .build();
 * UploadResult result = uploader.upload(Path.of("backup.tar"), options);
 * }</pre>
 */
public final class UploadOptions {
    private static final UploadOptions DEFAULTS = builder().build();

    private final String fileName;
    private final String contentType;
    private final Map<String, String> metadata;
    private final Path stateFile;
    private final Boolean keepOnFailure;

    private UploadOptions(Builder builder) {
        this.fileName = builder.fileName;
        this.contentType = builder.contentType;
        this.metadata = Map.copyOf(builder.metadata);
        this.stateFile = builder.stateFile;
        this.keepOnFailure = builder.keepOnFailure;
    }

    public static UploadOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name to give the server; by default the file's own name ({@code stdin} for a stream). */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /** The content type; by default guessed from the file name, else {@code application/octet-stream}. */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Where the upload records its progress so that a later call can resume it (files only). */
    public Optional<Path> stateFile() {
        return Optional.ofNullable(stateFile);
    }

    /**
     * Whether a failed or cancelled upload stays on the server for a resume instead of being
     * aborted: by default yes when there is a state file, no otherwise.
     */
    public boolean keepOnFailure() {
        return keepOnFailure != null ? keepOnFailure : stateFile != null;
    }

    /** Builds {@link UploadOptions}. */
    public static final class Builder {
        private String fileName;
        private String contentType;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private Path stateFile;
        private Boolean keepOnFailure;

        private Builder() {
        }

        public Builder fileName(String fileName) {
            if (fileName != null && fileName.isBlank()) {
                throw new IllegalArgumentException("fileName must not be blank");
            }
            this.fileName = fileName;
            return this;
        }

        public Builder contentType(String contentType) {
            if (contentType != null && !contentType.contains("/")) {
                throw new IllegalArgumentException("contentType \"" + contentType + "\" is not a media type like text/plain");
            }
            this.contentType = contentType;
            return this;
        }

        public Builder metadata(String name, String value) {
            metadata.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder stateFile(Path stateFile) {
            this.stateFile = stateFile;
            return this;
        }

        public Builder keepOnFailure(boolean keepOnFailure) {
            this.keepOnFailure = keepOnFailure;
            return this;
        }

        public UploadOptions build() {
            return new UploadOptions(this);
        }
    }
}
