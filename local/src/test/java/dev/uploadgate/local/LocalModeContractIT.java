package dev.uploadgate.local;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The contract through local mode and its embedded S3Proxy, as a developer runs it. */
class LocalModeContractIT extends UploadContractTests {
    private LocalMode local;

    @Override
    String startLocalMode() throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--data", Files.createTempDirectory("contract-s3").toString()));
        PARAMETERS.forEach((name, value) -> args.addAll(List.of("--parameter", name + "=" + value)));
        // The project folder: ./template.yaml and ./web/ as `java -jar local/target/local.jar` finds them.
        local = LocalMode.start(LocalOptions.parse(args), Path.of(".."));
        return "http://127.0.0.1:" + local.port();
    }

    @Override
    void stopLocalMode() throws Exception {
        local.close();
    }

}
