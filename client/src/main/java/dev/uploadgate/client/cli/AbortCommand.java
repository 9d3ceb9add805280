package dev.uploadgate.client.cli;

import dev.uploadgate.client.Uploader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code abort KEY UPLOAD_ID}: discard an unfinished upload and the storage of its parts. */
@Command(name = "abort", mixinStandardHelpOptions = true,
        description = "Abort an unfinished multipart upload (as a failed upload's message names it), freeing its parts.")
final class AbortCommand implements Callable<Integer>, UploadCli.IoAware {
    @Parameters(index = "0", paramLabel = "KEY", description = "the upload's key")
    String key;

    @Parameters(index = "1", paramLabel = "UPLOAD_ID", description = "the multipart upload's id")
    String uploadId;

    @Mixin
    ApiOptions api;

    @Option(names = "--json", description = "print one JSON object on stdout: key, uploadId, aborted")
    boolean json;

    private UploadCli.Io io;

    @Override
    public void io(UploadCli.Io io) {
        this.io = io;
    }

    /** The --json answer. */
    record Answer(String key, String uploadId, boolean aborted) {
    }

    @Override
    public Integer call() {
        Uploader.builder()
                .apiUrl(api.requireApi())
                .retryPolicy(api.retryPolicy())
                .credentials(api.credentials())
                .region(api.region)
                .build()
                .abort(key, uploadId);
        if (json) {
            Output.json(io.out(), new Answer(key, uploadId, true));
        } else if (!api.quiet) {
            io.out().println("aborted upload " + uploadId + " of " + key);
        }
        return ExitCodes.OK;
    }
}
