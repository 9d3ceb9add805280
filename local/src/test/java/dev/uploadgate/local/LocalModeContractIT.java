package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Override
    void assertUploadGone(Upload upload) throws Exception {
        // S3Proxy still lists an aborted upload; what must hold everywhere is that it can no longer be completed.
        ContractClient.Answer completed = api.post("/s3/multipart/" + upload.id() + "/complete?key=" + upload.encodedKey(),
                "{\"parts\":[{\"PartNumber\":1,\"ETag\":\"0123456789abcdef0123456789abcdef\"}]}");
        assertThat(completed.status()).isBetween(400, 404);
    }
}
