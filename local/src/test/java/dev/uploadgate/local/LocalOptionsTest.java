package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {

    @Test
    void parse_noArguments_usesDocumentedDefaults() throws Exception {
        LocalOptions options = LocalOptions.parse(List.of());

        assertThat(options.port()).isEqualTo(3000);
        assertThat(options.s3Port()).isEqualTo(3001);
        assertThat(options.dataDir()).isEqualTo(Path.of(".local-s3"));
        assertThat(options.bucket()).isEqualTo("uploads");
        assertThat(options.externalS3()).isEmpty();
        assertThat(options.template()).isEmpty();
        assertThat(options.help()).isFalse();
    }

    @Test
    void parse_everyEmbeddedFlag_setsEachValue() throws Exception {
        LocalOptions options = LocalOptions.parse(List.of("--port", "8080", "--s3-port=9000", "--data", "/tmp/s3",
                "--bucket", "my-bucket", "--template", "other.yaml"));

        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.s3Port()).isEqualTo(9000);
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/s3"));
        assertThat(options.bucket()).isEqualTo("my-bucket");
        assertThat(options.template()).contains(Path.of("other.yaml"));
    }

    @Test
    void parse_freeGatewayPortWithoutS3Port_picksFreeS3PortToo() throws Exception {
        assertThat(LocalOptions.parse(List.of("--port", "0")).s3Port()).isZero();
        assertThat(LocalOptions.parse(List.of("--port", "0", "--s3-port", "4000")).s3Port()).isEqualTo(4000);
    }

    @Test
    void parse_externalEndpointWithKeys_describesExternalServer() throws Exception {
        LocalOptions options = LocalOptions.parse(List.of("--s3-endpoint", "http://127.0.0.1:5000",
                "--s3-access-key", "id", "--s3-secret-key", "secret"));

        assertThat(options.externalS3()).contains(
                new LocalOptions.ExternalS3(URI.create("http://127.0.0.1:5000"), "id", "secret"));
    }

    @Test
    void parse_help_isRecognized() throws Exception {
        assertThat(LocalOptions.parse(List.of("--help")).help()).isTrue();
        assertThat(LocalOptions.parse(List.of("-h")).help()).isTrue();
    }

    @Test
    void parse_unknownFlag_namesIt() {
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--verbose")))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessage("unknown option: --verbose");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("extra")))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessage("unknown option: extra");
    }

    @Test
    void parse_flagWithoutValue_saysSo() {
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--port")))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessage("--port needs a value");
    }

    @Test
    void parse_badPort_namesFlagAndValue() {
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--port", "70000")))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessageContaining("--port").hasMessageContaining("70000");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--s3-port", "abc")))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessageContaining("--s3-port").hasMessageContaining("abc");
    }

    @Test
    void parse_invalidBucketName_isRefused() {
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--bucket", "Bad_Name")))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessageContaining("Bad_Name");
    }

    @Test
    void parse_repeatedFlag_isRefused() {
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--port", "1", "--port", "2")))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessage("--port is given more than once");
    }

    @Test
    void parse_externalEndpointWithoutKeys_isRefused() {
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--s3-endpoint", "http://127.0.0.1:5000")))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessageContaining("--s3-access-key");
    }

    @Test
    void parse_keysWithoutExternalEndpoint_isRefused() {
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--s3-access-key", "id")))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessageContaining("--s3-endpoint");
    }

    @Test
    void parse_embeddedOptionsWithExternalEndpoint_areRefused() {
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--s3-endpoint", "http://127.0.0.1:5000",
                "--s3-access-key", "id", "--s3-secret-key", "secret", "--s3-port", "4000")))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessageContaining("--s3-port");
    }

    @Test
    void parse_endpointThatIsNotHttp_isRefused() {
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--s3-endpoint", "ftp://host",
                "--s3-access-key", "id", "--s3-secret-key", "secret")))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessageContaining("ftp://host");
    }

    @Test
    void parse_parameters_overrideTemplateDefaults() throws Exception {
        LocalOptions options = LocalOptions.parse(List.of("--parameter", "MaxObjectSizeBytes=100", "--parameter=KeyPrefix=in/"));

        assertThat(options.parameters()).containsEntry("MaxObjectSizeBytes", "100").containsEntry("KeyPrefix", "in/");
    }

    @Test
    void parse_parameterWithoutNameOrGivenTwice_isRefused() {
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--parameter", "100")))
                .isInstanceOf(LocalOptions.UsageException.class).hasMessageContaining("Name=Value");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--parameter", "A=1", "--parameter", "A=2")))
                .isInstanceOf(LocalOptions.UsageException.class).hasMessageContaining("more than once");
    }
}
