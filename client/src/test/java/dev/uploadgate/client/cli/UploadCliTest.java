package dev.uploadgate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.client.bucket.BucketReport;
import dev.uploadgate.client.bucket.CheckItem;
import dev.uploadgate.client.bucket.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's answers that need no server: usage errors, help, local failures, exit codes. */
class UploadCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return UploadCli.run(new UploadCli.Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false), args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void run_noCommand_isAUsageError() {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("a command is required");
    }

    @Test
    void run_help_listsCommandsAndExitCodes() {
        assertThat(run("--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("upload", "download", "abort", "Exit codes:", "130");
    }

    @Test
    void upload_unknownOptionOrBadSize_isAUsageError() {
        assertThat(run("upload", "f", "--api", "http://127.0.0.1:1", "--frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--frobnicate");
        assertThat(run("upload", "f", "--api", "http://127.0.0.1:1", "--part-size", "huge")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("upload", "f", "--api", "http://127.0.0.1:1", "--part-size", "1MiB")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("5 MiB");
    }

    @Test
    void upload_help_documentsTheChecksumChoices() {
        assertThat(run("upload", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--checksum", "crc32c (default)", "crc64nvme", "sha256", "md5", "none",
                "checksum {algorithm, type, value}");
    }

    @Test
    void upload_unknownChecksum_isAUsageErrorNamingTheChoices() {
        assertThat(run("upload", "f", "--api", "http://127.0.0.1:1", "--checksum", "crc16")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--checksum", "crc16", "CRC32C", "CRC64NVME");
    }

    @Test
    void upload_stdinWithState_isAUsageError() {
        assertThat(run("upload", "-", "--api", "http://127.0.0.1:1", "--state", "s.json")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("standard input cannot be resumed");
    }

    @Test
    void upload_missingFile_isALocalProblem() {
        assertThat(run("upload", "/no/such/file.bin", "--api", "http://127.0.0.1:1")).isEqualTo(ExitCodes.LOCAL);
        assertThat(err()).contains("/no/such/file.bin");
    }

    @Test
    void abort_unreachableApi_isATransferFailure() {
        assertThat(run("abort", "k", "u", "--api", "http://127.0.0.1:1", "--attempts", "2")).isEqualTo(ExitCodes.TRANSFER);
        assertThat(err()).contains("after 2 attempts", "try again");
    }

    @Test
    void download_jsonToStdout_isAUsageError() {
        assertThat(run("download", "k", "--api", "http://127.0.0.1:1", "-o", "-", "--json")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void checkBucket_help_saysWhatIsRequiredAndWhy() {
        assertThat(run("check-bucket", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--origin", "--endpoint-url", "--json", "Required:", "Advisory:",
                "BucketOwnerEnforced", "Exit codes:", "7", "8", "9");
    }

    @Test
    void checkBucket_originWithPath_isAUsageErrorBeforeAnyCall() {
        assertThat(run("check-bucket", "b-bucket", "--origin", "https://app.example.com/", "--endpoint-url", "http://127.0.0.1:1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--origin https://app.example.com/ is not an origin");
    }

    @Test
    void checkBucket_noBucket_isAUsageError() {
        assertThat(run("check-bucket", "--origin", "https://app.example.com")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("BUCKET");
    }

    @Test
    void exitCode_report_missingBeatsUncheckedAndAdvisoryNeverFails() {
        CheckItem ok = new CheckItem("cors", "CORS", true, Status.OK, "fine", null, null);
        CheckItem missing = new CheckItem("lifecycle", "lifecycle", true, Status.MISSING, "none", "aws ...", null);
        CheckItem unchecked = new CheckItem("encryption", "encryption", true, Status.UNCHECKED, "501", null, null);
        CheckItem advisory = new CheckItem("ownership", "ownership", false, Status.ADVISORY, "ACLs", "aws ...", null);
        CheckItem advisoryUnchecked = new CheckItem("ownership", "ownership", false, Status.UNCHECKED, "501", null, null);

        assertThat(CheckBucketCommand.exitCode(new BucketReport("b", List.of(ok, advisory, advisoryUnchecked)))).isEqualTo(ExitCodes.OK);
        assertThat(CheckBucketCommand.exitCode(new BucketReport("b", List.of(ok, unchecked)))).isEqualTo(ExitCodes.BUCKET_UNVERIFIED);
        assertThat(CheckBucketCommand.exitCode(new BucketReport("b", List.of(unchecked, missing)))).isEqualTo(ExitCodes.BUCKET_NOT_READY);
    }
}
