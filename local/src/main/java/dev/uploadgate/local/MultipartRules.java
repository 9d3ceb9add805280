package dev.uploadgate.local;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * S3's multipart rules, which S3Proxy's stores leave out: an upload id belongs to one bucket and
 * key, and only while it is open. A part PUT, ListParts, complete or abort that names another key,
 * or an upload already completed or aborted, is NoSuchUpload (S3Proxy's filesystem store accepts
 * them, so a test could pass locally against code that fails on S3). The part order of a complete
 * is checked on the request ({@link S3HttpRules}): S3Proxy sorts the parts before a store sees them.
 */
final class MultipartRules extends ForwardingBlobStore {
    /** Open uploads by id; ids missing here (an upload begun before a restart) are looked up in the store. */
    private final Map<String, Target> open = new ConcurrentHashMap<>();
    /** Ids completed or aborted since start: refused even if the store still lists them. */
    private final Set<String> closed = ConcurrentHashMap.newKeySet();

    private record Target(String bucket, String key) {
    }

    MultipartRules(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        MultipartUpload upload = super.initiateMultipartUpload(request);
        open.put(upload.id(), new Target(upload.containerName(), upload.blobName()));
        return upload;
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request, InputStream input) {
        requireOpen(upload);
        return super.uploadMultipartPart(upload, request, input);
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        requireOpen(upload);
        return super.listMultipartUpload(upload);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
        requireOpen(upload);
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        close(upload);
        return response;
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        requireOpen(upload);
        super.abortMultipartUpload(upload);
        close(upload);
    }

    private void close(MultipartUpload upload) {
        closed.add(upload.id());
        open.remove(upload.id());
    }

    private void requireOpen(MultipartUpload upload) {
        Target requested = new Target(upload.containerName(), upload.blobName());
        Target known = closed.contains(upload.id()) ? null : open.get(upload.id());
        if (known == null && !closed.contains(upload.id())) {
            known = findInStore(upload.containerName(), upload.id());
        }
        if (!requested.equals(known)) {
            // S3's answer for an id that is unknown, finished, or belongs to another key: it never says which.
            throw new S3ProxyException(S3ErrorCode.NO_SUCH_UPLOAD);
        }
    }

    private Target findInStore(String bucket, String uploadId) {
        Target found = delegate().listMultipartUploads(bucket).stream()
                .filter(upload -> uploadId.equals(upload.uploadId()))
                .map(upload -> new Target(bucket, upload.key()))
                .findFirst().orElse(null);
        if (found != null) {
            open.putIfAbsent(uploadId, found);
        }
        return found;
    }
}
