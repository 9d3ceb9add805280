package dev.uploadgate.client.cli;

import dev.uploadgate.client.DownloadResult;
import dev.uploadgate.client.Downloader;
import dev.uploadgate.client.ObjectChecksum;
import dev.uploadgate.client.ProgressListener;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code download KEY}: parallel ranged GETs to a file or standard output. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download an object by key to a file (default: its name in the current directory) or to standard output with -o -.",
            "The bytes are verified against the object's full-object CRC (as this client uploads by default), else against a"
                + " single-request object's MD5 ETag; a COMPOSITE checksum cannot be checked end to end, and the output says so."})
final class DownloadCommand implements Callable<Integer>, UploadCli.IoAware {
    @Parameters(index = "0", paramLabel = "KEY", description = "the object's key, as upload printed it")
    String key;

    @Mixin
    ApiOptions api;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|-", description = "where to write (- for standard output)")
    String output;

    @Option(names = "--range-size", paramLabel = "SIZE", converter = Sizes.class, defaultValue = "8MiB",
            description = "bytes per range request (default: ${DEFAULT-VALUE})")
    long rangeSize;

    @Option(names = "--json", description = "print one JSON object on stdout: key, file, etag, size, checksum"
            + " {algorithm, type, value} (null when the object has none), verified, verification (how, or why not), seconds")
    boolean json;

    private UploadCli.Io io;

    @Override
    public void io(UploadCli.Io io) {
        this.io = io;
    }

    /** The --json answer. */
    record Answer(String key, String file, String etag, long size, ObjectChecksum checksum, boolean verified, String verification,
                  double seconds) {
    }

    @Override
    public Integer call() throws IOException {
        boolean toStdout = "-".equals(output);
        if (toStdout && json) {
            throw new IllegalArgumentException("--json and -o - both write to standard output: choose one");
        }
        ProgressBar bar = !api.quiet && !json && !toStdout && io.terminal() ? new ProgressBar(io.err()) : null;
        Downloader downloader = Downloader.builder()
                .apiUrl(api.requireApi())
                .concurrency(api.concurrency)
                .rangeSize(rangeSize)
                .retryPolicy(api.retryPolicy())
                .credentials(api.credentials())
                .region(api.region)
                .progressListener(bar != null ? bar : ProgressListener.NONE)
                .build();
        Path target = toStdout ? null : Path.of(output != null ? output : fileNameOf(key));
        DownloadResult result;
        try {
            if (toStdout) {
                OutputStream out = io.out() == System.out
                        ? new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 20) : io.out();
                result = downloader.download(key, out);
                out.flush();
            } else {
                result = downloader.download(key, target);
            }
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
        if (json) {
            Output.json(io.out(), new Answer(result.key(), target.toString(), result.etag(), result.size(), result.checksum(),
                    result.verified(), result.verification(), Output.seconds(result.elapsed())));
        } else if (!api.quiet && !toStdout) {
            io.out().println("downloaded " + Sizes.format(result.size()) + " to " + target + " ("
                    + Output.speed(result.size(), result.elapsed()) + ", " + (result.verified() ? result.verification() + " verified"
                    : result.verification()) + ")");
        }
        return ExitCodes.OK;
    }

    private static String fileNameOf(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("the key " + key + " has no file name: pass -o FILE");
        }
        return name;
    }
}
