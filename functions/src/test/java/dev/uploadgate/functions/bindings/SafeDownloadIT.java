package dev.uploadgate.functions.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.Api.Answer;
import dev.uploadgate.functions.testing.HttpEvents;
import dev.uploadgate.functions.testing.PlainHttp;
import dev.uploadgate.functions.testing.S3ProxyIntegrationTest;
import dev.uploadgate.functions.testing.S3ProxyServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Uploaded files are served from the bucket's origin, so nothing a user uploads may run there: a
 * download is an attachment unless its type is inert, active types are stored as attachments, and
 * the disposition and cache policy of an upload are the server's, signed, never the caller's.
 */
class SafeDownloadIT extends S3ProxyIntegrationTest {
    private static final byte[] PAGE = "<script>alert(document.cookie)</script>".getBytes(StandardCharsets.UTF_8);

    @Test
    void presignPut_html_storesItAsAnAttachmentWithThePrivateCachePolicy() throws Exception {
        Answer put = put("évil page.html", "text/html", PAGE.length);

        assertThat(put.body().get("headers").get("content-disposition").asText()).isEqualTo("attachment; filename*=UTF-8''%C3%A9vil%20page.html");
        assertThat(PlainHttp.put(put.text("url"), PAGE, Api.headers(put)).statusCode()).isEqualTo(200);
        HeadObjectResponse head = head(put.text("key"));
        assertThat(head.contentDisposition()).isEqualTo("attachment; filename*=UTF-8''%C3%A9vil%20page.html");
        assertThat(head.cacheControl()).isEqualTo("private");
    }

    @Test
    void presignPut_callersOwnDispositionOrCachePolicy_isRefused() throws Exception {
        Answer put = put("photo.png", "image/png", PAGE.length);
        Map<String, String> inline = Api.headers(put);
        inline.put("content-disposition", "inline; filename=evil.html");
        Map<String, String> cached = Api.headers(put);
        cached.put("cache-control", "public, max-age=31536000");

        assertThat(PlainHttp.put(put.text("url"), PAGE, inline).statusCode()).isEqualTo(403);
        assertThat(PlainHttp.put(put.text("url"), PAGE, cached).statusCode()).isEqualTo(403);
    }

    @Test
    void download_byDefault_isAnAttachmentEvenForAnImage() throws Exception {
        Answer put = put("photo.png", "image/png", PAGE.length);
        PlainHttp.put(put.text("url"), PAGE, Api.headers(put));

        Answer download = api.download(put.text("key"));
        HttpResponse<byte[]> got = PlainHttp.get(download.text("url"));

        assertThat(download.text("contentType")).isEqualTo("image/png");
        assertThat(download.body().get("size").asLong()).isEqualTo(PAGE.length);
        assertThat(got.headers().firstValue("Content-Disposition")).hasValue("attachment; filename*=UTF-8''photo.png");
    }

    @Test
    void download_inlineForAnImage_isInlineWithItsStoredType() throws Exception {
        Answer put = put("photo.png", "image/png", PAGE.length);
        PlainHttp.put(put.text("url"), PAGE, Api.headers(put));

        Answer download = Api.call(api.presignObject, HttpEvents.request("GET", "/s3/download")
                .query("key", put.text("key")).query("inline", "true").build());
        HttpResponse<byte[]> got = PlainHttp.get(download.text("url"));

        assertThat(got.headers().firstValue("Content-Disposition")).hasValue("inline; filename*=UTF-8''photo.png");
        assertThat(got.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void download_inlineForSvgOrHtml_isRefusedAndTheyAreStoredAsAttachments() throws Exception {
        for (String type : new String[] {"image/svg+xml", "text/html", "application/xhtml+xml", "text/javascript", "application/xml"}) {
            Answer put = put("file", type, PAGE.length);
            assertThat(PlainHttp.put(put.text("url"), PAGE, Api.headers(put)).statusCode()).isEqualTo(200);
            assertThat(head(put.text("key")).contentDisposition()).as(type).startsWith("attachment;");

            Answer inline = Api.call(api.presignObject, HttpEvents.request("GET", "/s3/download")
                    .query("key", put.text("key")).query("inline", "true").build());

            assertThat(inline.status()).as(type).isEqualTo(400);
            assertThat(inline.text("message")).as(type).contains("inline").contains(type);
        }
    }

    @Test
    void presignPost_formWithAnotherDisposition_isRefusedByThePolicy() throws Exception {
        Answer form = Api.call(api.presignObject, HttpEvents.request("GET", "/s3/params")
                .query("filename", "page.html").query("type", "text/html").build());
        Map<String, String> fields = new LinkedHashMap<>();
        form.body().get("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
        assertThat(fields.get("Content-Disposition")).isEqualTo("attachment; filename*=UTF-8''page.html");
        Map<String, String> tampered = new LinkedHashMap<>(fields);
        tampered.put("Content-Disposition", "inline");

        assertThat(PlainHttp.postForm(form.text("url"), tampered, "page.html", "text/html", PAGE).statusCode()).isEqualTo(403);
        assertThat(PlainHttp.postForm(form.text("url"), fields, "page.html", "text/html", PAGE).statusCode()).isBetween(200, 204);
        // S3 stores the form's Content-Disposition field; S3Proxy 4.1 accepts it under the policy but drops it.
        assertThat(head(form.text("key")).contentLength()).isEqualTo(PAGE.length);
    }

    @Test
    void create_html_assemblesAnAttachment() throws Exception {
        Answer created = SizeBindingIT.create(api, "{\"filename\":\"page.html\",\"type\":\"text/html\",\"size\":" + PAGE.length + "}");
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        var sent = PlainHttp.put(api.presignPart(key, uploadId, 1).text("url"), PAGE, Map.of());

        Answer completed = api.complete(key, uploadId, "[{\"PartNumber\":1,\"ETag\":" + Api.quote(sent.headers().firstValue("ETag").orElseThrow()) + "}]");

        assertThat(completed.status()).isEqualTo(200);
        assertThat(head(key).contentDisposition()).isEqualTo("attachment; filename*=UTF-8''page.html");
    }

    @Test
    void download_objectThatDoesNotExist_isNotFound() {
        Answer created = SizeBindingIT.create(api, "{\"filename\":\"never.bin\",\"size\":1}");

        Answer download = api.download(created.text("key"));

        assertThat(download.status()).isEqualTo(404);
        assertThat(download.text("code")).isEqualTo("NotFound");
        api.abort(created.text("key"), created.text("uploadId"));
    }

    private static Answer put(String fileName, String type, int size) {
        Answer put = Api.call(api.presignObject, HttpEvents.request("GET", "/s3/params").query("filename", fileName).query("type", type)
                .query("method", "PUT").query("size", Integer.toString(size)).build());
        assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
        return put;
    }

    private static HeadObjectResponse head(String key) {
        return s3.admin().headObject(b -> b.bucket(S3ProxyServer.BUCKET).key(key));
    }
}
