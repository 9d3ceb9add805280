package dev.uploadgate.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Local mode started in this JVM, for test code outside this package (the load test): the same
 * {@link LocalMode#start} the integration tests use, behind a public face.
 */
public final class InProcessLocalMode implements AutoCloseable {
    private final LocalMode local;

    private InProcessLocalMode(LocalMode local) {
        this.local = local;
    }

    /**
     * @param args       local mode's command line, e.g. {@code --port 0 --data DIR}
     * @param projectDir where template.yaml and web/ are
     */
    public static InProcessLocalMode start(List<String> args, Path projectDir) throws Exception {
        return new InProcessLocalMode(LocalMode.start(LocalOptions.parse(args), projectDir));
    }

    /** The API's base URL, on loopback. */
    public String apiUrl() {
        return "http://127.0.0.1:" + local.port();
    }

    @Override
    public void close() throws IOException {
        local.close();
    }
}
