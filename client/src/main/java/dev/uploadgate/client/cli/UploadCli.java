package dev.uploadgate.client.cli;

import dev.uploadgate.client.TransferException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar upload.jar}: upload files or standard input through the uploadgate API,
 * download objects, abort uploads. Exit codes: see {@link ExitCodes} or {@code --help}.
 */
@Command(name = "upload",
        mixinStandardHelpOptions = true,
        versionProvider = UploadCli.Version.class,
        description = "Fast, resumable, verified uploads and downloads through the uploadgate API; check-bucket checks an existing bucket.",
        subcommands = {UploadCommand.class, DownloadCommand.class, AbortCommand.class, CheckBucketCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done and verified",
            "1:internal error (a bug: please report it with the message)",
            "2:usage error: bad option or argument",
            "3:refused by the API or S3 (4xx); retrying will not help",
            "4:transfer failed after every retry: try again later, or resume with --state",
            "5:integrity check failed: the bytes on the server (or received) are not the bytes sent",
            "6:local problem: file unreadable, changed since --state, or output not writable",
            "7:check-bucket: something required is missing from the bucket",
            "8:check-bucket: the bucket cannot be read (no such bucket, access denied, unreachable)",
            "9:check-bucket: nothing found missing, but some required item could not be checked",
            "130:cancelled (Ctrl-C)"})
public final class UploadCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where a command reads and writes; the real streams, or a test's. */
    record Io(InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    }

    public static void main(String[] args) {
        // HttpURLConnection keeps at most 5 idle connections per host by default; with more parts in
        // flight the rest would be closed after each request and reopened (a TLS handshake each on S3).
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        Thread main = Thread.currentThread();
        AtomicBoolean done = new AtomicBoolean();
        // Ctrl-C: interrupt the transfer and give it time to abort its upload (or keep it for --state).
        Thread onSignal = new Thread(() -> {
            if (!done.get()) {
                main.interrupt();
                try {
                    main.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "uploadgate-cancel");
        Runtime.getRuntime().addShutdownHook(onSignal);
        int code = run(new Io(System.in, System.out, System.err, System.console() != null), args);
        done.set(true);
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException e) {
            return; // already shutting down after a signal: the JVM exits with the signal's code
        }
        System.exit(code);
    }

    /** Runs the CLI and returns its exit code. */
    static int run(Io io, String... args) {
        CommandLine cli = new CommandLine(new UploadCli());
        cli.setOut(new PrintWriter(io.out(), true));
        cli.setErr(new PrintWriter(io.err(), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionStrategy(parseResult -> {
            for (CommandLine command : parseResult.asCommandLineList()) {
                if (command.getCommand() instanceof IoAware aware) {
                    aware.io(io);
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setParameterExceptionHandler((ex, arguments) -> {
            io.err().println("upload: " + ex.getMessage());
            io.err().println("Try 'upload --help' or 'upload " + (ex.getCommandLine().getCommandName().equals("upload") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, command, parseResult) -> handle(ex, io.err()));
        return cli.execute(args);
    }

    static int handle(Exception failure, PrintStream err) {
        if (failure instanceof TransferException e) {
            err.println("upload: " + e.getMessage());
            return ExitCodes.of(e);
        }
        if (failure instanceof IllegalArgumentException || failure instanceof IllegalStateException && isSettingsError(failure)) {
            err.println("upload: " + failure.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("upload: internal error: " + failure);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t != failure) {
                err.println("caused by: " + t);
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                err.println("\tat " + frame);
            }
        }
        return ExitCodes.INTERNAL;
    }

    private static boolean isSettingsError(Exception failure) {
        String message = failure.getMessage();
        return message != null && (message.contains("region") || message.contains("required"));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: upload, download, abort or check-bucket");
    }

    /** A command that writes to the CLI's streams. */
    interface IoAware {
        void io(Io io);
    }

    /** The version from the jar's manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = UploadCli.class.getPackage().getImplementationVersion();
            return new String[] {"uploadgate client " + (version == null ? "development build" : version)};
        }
    }
}
