package dev.uploadgate.functions.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.Api.Answer;
import dev.uploadgate.functions.testing.S3ProxyIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MaxOpenUploadsPerOwner: a create beyond the owner's open uploads is 429, and room comes back with an abort. */
class OpenUploadQuotaIT extends S3ProxyIntegrationTest {

    @Test
    void create_beyondTheOwnersOpenUploads_isTooManyUploadsUntilOneIsAborted() {
        // A prefix of its own, so uploads other tests leave open do not count here.
        Api limited = new Api(s3.environment(Map.of("MAX_OPEN_UPLOADS_PER_OWNER", "2", "KEY_PREFIX", "quota/")));
        Answer first = SizeBindingIT.create(limited, "{\"filename\":\"1.bin\"}");
        Answer second = SizeBindingIT.create(limited, "{\"filename\":\"2.bin\"}");

        Answer third = SizeBindingIT.create(limited, "{\"filename\":\"3.bin\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.text("code")).isEqualTo("TooManyUploads");
        assertThat(third.text("message")).contains("'public'").contains("2 open uploads");
        assertThat(limited.abort(first.text("key"), first.text("uploadId")).status()).isEqualTo(200);
        Answer again = SizeBindingIT.create(limited, "{\"filename\":\"3.bin\"}");
        assertThat(again.status()).isEqualTo(200);
        limited.abort(second.text("key"), second.text("uploadId"));
        limited.abort(again.text("key"), again.text("uploadId"));
    }
}
