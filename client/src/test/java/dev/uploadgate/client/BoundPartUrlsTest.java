package dev.uploadgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link BoundPartUrls} against a stand-in of the batch route that answers slowly (so workers pile
 * up while a call runs) with a URL and the headers the contract binds, echoing each part's checksum.
 */
@Timeout(30)
class BoundPartUrlsTest {
    private HttpServer server;
    private final List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
    private final AtomicBoolean dropChecksumHeader = new AtomicBoolean();
    private BoundPartUrls urls;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            Map<String, String> query = new HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            calls.add(query);
            sleep(150);
            String[] numbers = query.get("partNumbers").split(",");
            String[] checksums = query.get("checksums").split(",");
            ObjectNode answer = Json.MAPPER.createObjectNode();
            ObjectNode presigned = answer.putObject("presignedUrls");
            ObjectNode headers = answer.putObject("headers");
            answer.put("expires", 900);
            for (int i = 0; i < numbers.length; i++) {
                presigned.put(numbers[i], "http://s3.test/part/" + numbers[i]);
                ObjectNode partHeaders = headers.putObject(numbers[i]).put("content-length", "5");
                if (!dropChecksumHeader.get()) {
                    partHeaders.put("x-amz-checksum-crc32c", checksums[i]);
                }
            }
            byte[] body = Json.MAPPER.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        ApiClient api = new ApiClient(new BlockingHttp(Duration.ofSeconds(5)), URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                RetryPolicy.none(), Duration.ofSeconds(5), null);
        urls = new BoundPartUrls(api, "uploads/public/x/f.bin", "upload-1", ChecksumAlgorithm.CRC32C);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void target_eightWorkersAtOnce_shareFewBatchCallsAndEachGetsItsOwnBoundChecksum() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(8);
        List<Future<PartUrls.Target>> targets = new ArrayList<>();
        for (int part = 1; part <= 8; part++) {
            int number = part;
            targets.add(workers.submit(() -> urls.target(number, 5, digest(number))));
        }

        for (int part = 1; part <= 8; part++) {
            PartUrls.Target target = targets.get(part - 1).get();
            assertThat(target.url()).isEqualTo("http://s3.test/part/" + part);
            assertThat(target.headers()).containsEntry("x-amz-checksum-crc32c", digest(part).base64()).containsEntry("content-length", "5");
        }
        workers.shutdown();
        assertThat(calls).hasSizeBetween(2, 4); // the first call alone, then the ones that queued behind it
        assertThat(calls.stream().mapToInt(c -> c.get("partNumbers").split(",").length).sum()).isEqualTo(8);
    }

    @Test
    void target_answerWithoutTheChecksumHeader_failsRatherThanSendingUnboundBytes() {
        dropChecksumHeader.set(true);

        TransferException failure = catchThrowableOfType(TransferException.class, () -> urls.target(1, 5, digest(1)));

        assertThat(failure.kind()).isEqualTo(TransferException.Kind.TRANSFER);
        assertThat(failure.getMessage()).contains("part 1", "x-amz-checksum-crc32c", "--checksum md5");
    }

    private static PartDigest digest(int part) {
        byte[] bytes = {(byte) part, 2, 3, 4, 5};
        return PartHash.of(ChecksumAlgorithm.CRC32C, bytes, 0, bytes.length);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
