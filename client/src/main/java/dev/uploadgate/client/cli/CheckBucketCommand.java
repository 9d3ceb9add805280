package dev.uploadgate.client.cli;

import dev.uploadgate.client.bucket.AwsCli;
import dev.uploadgate.client.bucket.BucketCheck;
import dev.uploadgate.client.bucket.BucketCheckException;
import dev.uploadgate.client.bucket.BucketReader;
import dev.uploadgate.client.bucket.BucketReport;
import dev.uploadgate.client.bucket.BucketSettings;
import dev.uploadgate.client.bucket.CheckItem;
import dev.uploadgate.client.bucket.CheckTarget;
import dev.uploadgate.client.bucket.Status;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/** {@code check-bucket BUCKET --origin URL}: is an existing bucket set up for uploads, and if not, how to fix it. */
@Command(name = "check-bucket", mixinStandardHelpOptions = true,
        description = {
            "Check that an existing bucket (the stack's ExistingBucketName) is set up for uploads, with your own AWS "
                + "credentials (environment, profile, SSO, ...). Prints each item: OK, MISSING (required), ADVISORY "
                + "or UNCHECKED (the server would not show it), and for each one not OK the AWS CLI command that fixes it.",
            "",
            "Required: CORS allowing PUT, POST and GET from every --origin, with the upload headers and ETag exposed "
                + "(browsers cannot complete multipart uploads otherwise); an enabled lifecycle rule aborting incomplete "
                + "multipart uploads under --key-prefix (abandoned parts are billed forever otherwise); a policy denying "
                + "s3:* without TLS (presigned URLs are bearer credentials); all four public access block settings (the "
                + "bucket holds users' files); default encryption, AES256 or aws:kms.",
            "",
            "Advisory: object ownership BucketOwnerEnforced (ACLs off). With public access blocked no ACL can publish "
                + "an upload, and an existing bucket may rely on ACLs for something else.",
            "",
            "Fix commands that replace a whole configuration (CORS, lifecycle, policy) include the bucket's existing "
                + "rules and statements; the item's note says so."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every required item is set up",
            "2:usage error: bad option or argument",
            "7:something required is missing",
            "8:the bucket cannot be read: no such bucket, access denied, or S3 unreachable",
            "9:nothing found missing, but some required item could not be checked (the server does not implement it, or "
                + "these credentials may not read it)"})
final class CheckBucketCommand implements Callable<Integer>, UploadCli.IoAware {
    @Parameters(index = "0", paramLabel = "BUCKET", description = "the bucket's name")
    String bucket;

    @Option(names = "--origin", paramLabel = "URL",
            description = "a browser frontend's origin, e.g. https://app.example.com (repeatable; as in the stack's AllowedOrigins). "
                    + "Without it CORS is not checked")
    List<String> origins = new ArrayList<>();

    @Option(names = "--key-prefix", paramLabel = "PREFIX", defaultValue = "uploads/",
            description = "the stack's KeyPrefix, which the lifecycle rule must cover (default: ${DEFAULT-VALUE})")
    String keyPrefix;

    @Option(names = "--region", paramLabel = "REGION",
            description = "the region to ask (default: $AWS_REGION or the profile's, else us-east-1; a bucket elsewhere on AWS is still found)")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "an S3-compatible server instead of AWS (path-style requests); the fix commands use it too")
    URI endpoint;

    @Option(names = "--json", description = "print one JSON object on stdout: bucket, region, ready, exitCode, items [{id, title, "
            + "required, status, detail, fix, note}] (and error when the bucket cannot be read)")
    boolean json;

    private UploadCli.Io io;

    @Override
    public void io(UploadCli.Io io) {
        this.io = io;
    }

    /** The --json answer. */
    record Answer(String bucket, String region, boolean ready, int exitCode, String error, List<CheckItem> items) {
    }

    @Override
    public Integer call() {
        CheckTarget target = new CheckTarget(bucket, origins, keyPrefix,
                new AwsCli(endpoint == null ? null : endpoint.toString(), region));
        BucketSettings settings;
        try (BucketReader reader = BucketReader.connect(endpoint, region == null ? defaultRegion() : region)) {
            settings = reader.read(bucket);
        } catch (BucketCheckException e) {
            if (json) {
                Output.json(io.out(), new Answer(bucket, region, false, ExitCodes.BUCKET_UNREADABLE, e.getMessage(), List.of()));
            }
            io.err().println("upload: " + e.getMessage());
            return ExitCodes.BUCKET_UNREADABLE;
        }
        BucketReport report = BucketCheck.standard().evaluate(settings, target);
        int code = exitCode(report);
        if (json) {
            Output.json(io.out(), new Answer(bucket, settings.region(), report.ready(), code, null, report.items()));
        } else {
            print(io.out(), settings, report);
        }
        return code;
    }

    static int exitCode(BucketReport report) {
        if (!report.missing().isEmpty()) {
            return ExitCodes.BUCKET_NOT_READY;
        }
        return report.uncheckedRequired().isEmpty() ? ExitCodes.OK : ExitCodes.BUCKET_UNVERIFIED;
    }

    /** $AWS_REGION (or aws.region) or the profile's region; not the EC2 metadata service, whose timeout would stall a laptop. */
    private static String defaultRegion() {
        try {
            return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider()).getRegion().id();
        } catch (SdkClientException e) {
            return "us-east-1";
        }
    }

    private static void print(PrintStream out, BucketSettings settings, BucketReport report) {
        out.println("bucket " + settings.bucket() + (settings.region() == null ? "" : " (" + settings.region() + ")"));
        for (CheckItem item : report.items()) {
            boolean saysAdvisory = item.required() || item.status() == Status.ADVISORY;
            out.printf(Locale.ROOT, "%-9s  %s%s: %s%n", item.status(), item.title(), saysAdvisory ? "" : " (advisory)", item.detail());
            if (item.fix() != null) {
                out.println("           fix: " + item.fix());
            }
            if (item.note() != null) {
                out.println("           note: " + item.note());
            }
        }
        if (!report.missing().isEmpty()) {
            out.println("not ready: " + report.missing().size() + " required item(s) missing: " + ids(report.missing()));
        } else if (!report.uncheckedRequired().isEmpty()) {
            out.println("unverified: nothing required found missing, but " + report.uncheckedRequired().size()
                    + " required item(s) could not be checked: " + ids(report.uncheckedRequired()));
        } else {
            out.println("ready: every required item is set up");
        }
    }

    private static String ids(List<CheckItem> items) {
        return items.stream().map(CheckItem::id).collect(Collectors.joining(", "));
    }
}
