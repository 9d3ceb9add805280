package dev.uploadgate.client.cli;

import dev.uploadgate.client.ChecksumAlgorithm;
import dev.uploadgate.client.ObjectChecksum;
import dev.uploadgate.client.ProgressListener;
import dev.uploadgate.client.UploadOptions;
import dev.uploadgate.client.UploadResult;
import dev.uploadgate.client.Uploader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code upload FILE|-}: one multipart upload, verified, resumable with {@code --state}. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Upload a file, or standard input with '-', and print where it went.",
            "Every part carries a checksum (CRC32C unless --checksum says otherwise) that S3 checks, and the whole object's"
                + " checksum is verified after the complete.",
            "With --state FILE a failed or interrupted upload is kept; run the same command again to resume it (if its complete"
                + " had already gone through, it reports the finished object)."})
final class UploadCommand implements Callable<Integer>, UploadCli.IoAware {
    @Parameters(index = "0", paramLabel = "FILE|-", description = "the file to upload, or - for standard input")
    String source;

    @Mixin
    ApiOptions api;

    @Option(names = "--part-size", paramLabel = "SIZE", converter = Sizes.class,
            description = "bytes per part, e.g. 8MiB (5MiB..2GiB; default: from the file size, at least 8MiB)")
    Long partSize;

    @Option(names = "--state", paramLabel = "FILE", description = "resume state file: records the upload, resumes it if it exists")
    Path state;

    @Option(names = "--name", paramLabel = "NAME", description = "the file name to give the server (default: the file's; 'stdin' for -)")
    String name;

    @Option(names = "--content-type", paramLabel = "TYPE", description = "the object's content type (default: guessed from the name)")
    String contentType;

    @Option(names = "--checksum", paramLabel = "ALGORITHM",
            description = {"how every byte is proven: crc32c (default), crc64nvme, sha256, md5 or none.",
                "crc32c/crc64nvme: each part's CRC is bound into its URL and checked against S3's answer, and the"
                    + " whole object's CRC (combined from the parts') against the one S3 stores;"
                    + " sha256: the same per part, and S3's composite value (sha256 of the part digests, -N) for the object;"
                    + " md5: Content-MD5 per part and the multipart ETag (no S3 checksum); none: sizes only."})
    ChecksumAlgorithm checksum;

    @Option(names = "--bind-checksums",
            description = "with --checksum md5: presign each part with its MD5 bound into the signature (one API call per part);"
                    + " the S3 checksums are always bound")
    boolean bindChecksums;

    @Option(names = "--json", description = "print one JSON object on stdout: key, location, etag, size, checksum"
            + " {algorithm, type, value} (null for md5 and none), seconds")
    boolean json;

    private UploadCli.Io io;

    @Override
    public void io(UploadCli.Io io) {
        this.io = io;
    }

    /** The --json answer. */
    record Answer(String key, String location, String etag, long size, ObjectChecksum checksum, double seconds) {
    }

    @Override
    public Integer call() {
        boolean stdin = source.equals("-");
        if (stdin && state != null) {
            throw new IllegalArgumentException("--state needs a file: standard input cannot be resumed");
        }
        ProgressBar bar = !api.quiet && !json && io.terminal() ? new ProgressBar(io.err()) : null;
        Uploader.Builder builder = Uploader.builder()
                .apiUrl(api.requireApi())
                .concurrency(api.concurrency)
                .retryPolicy(api.retryPolicy())
                .credentials(api.credentials())
                .region(api.region)
                .checksum(checksum != null ? checksum : ChecksumAlgorithm.DEFAULT)
                .bindChecksums(bindChecksums)
                .progressListener(bar != null ? bar : ProgressListener.NONE);
        if (partSize != null) {
            builder.partSize(partSize);
        }
        Uploader uploader = builder.build();
        UploadOptions.Builder options = UploadOptions.builder().fileName(name).contentType(contentType).stateFile(state);
        UploadResult result;
        try {
            result = stdin ? uploader.upload(io.in(), options.build()) : uploader.upload(Path.of(source), options.build());
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
        if (json) {
            Output.json(io.out(), new Answer(result.key(), result.location(), result.etag(), result.size(), result.checksum(),
                    Output.seconds(result.elapsed())));
        } else if (!api.quiet) {
            io.out().println("uploaded " + Sizes.format(result.size()) + " in " + result.parts() + " parts ("
                    + (result.parts() - result.partsSent() > 0 ? (result.parts() - result.partsSent()) + " resumed, " : "")
                    + Output.speed(result.size(), result.elapsed()) + ")");
            io.out().println("key:  " + result.key());
            io.out().println("etag: " + result.etag());
            if (result.checksum() != null) {
                io.out().println("checksum: " + result.checksum().type() + " " + result.checksum().algorithm() + " "
                        + result.checksum().value() + " (verified)");
            }
        }
        return ExitCodes.OK;
    }

}
