package dev.uploadgate.functions.faults;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;

/**
 * A blob store whose CompleteMultipartUpload fails on demand, the way S3 can: before assembling
 * anything, after assembling the object (the response is lost, the client sees a 500), or slowly.
 * S3Proxy answers an exception from the store with a 500 InternalError.
 */
final class FlakyCompletes extends ForwardingBlobStore {
    private final AtomicInteger failBeforeAssembling = new AtomicInteger();
    private final AtomicInteger failAfterAssembling = new AtomicInteger();
    private final AtomicLong delayOnceMillis = new AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger assembled = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    FlakyCompletes(BlobStore delegate) {
        super(delegate);
    }

    /** The next {@code times} completes fail without assembling anything. */
    void failBeforeAssembling(int times) {
        failBeforeAssembling.set(times);
    }

    /** The next {@code times} completes that assemble their object still answer 500. */
    void failAfterAssembling(int times) {
        failAfterAssembling.set(times);
    }

    /** The next complete waits this long before it starts assembling. */
    void delayOnce(long millis) {
        delayOnceMillis.set(millis);
    }

    void reset() {
        failBeforeAssembling.set(0);
        failAfterAssembling.set(0);
        delayOnceMillis.set(0);
        calls.set(0);
        assembled.set(0);
    }

    /** CompleteMultipartUpload requests that reached the store. */
    int calls() {
        return calls.get();
    }

    /** Completes that assembled an object. */
    int assembled() {
        return assembled.get();
    }

    /** Completes still running (for example one whose client timed out while it was delayed). */
    int inFlight() {
        return inFlight.get();
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
        calls.incrementAndGet();
        inFlight.incrementAndGet();
        try {
            long delay = delayOnceMillis.getAndSet(0);
            if (delay > 0) {
                sleep(delay);
            }
            if (failBeforeAssembling.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("injected: CompleteMultipartUpload failed before assembling");
            }
            CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
            assembled.incrementAndGet();
            if (failAfterAssembling.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("injected: CompleteMultipartUpload assembled the object, then the response was lost");
            }
            return response;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delaying a complete", e);
        }
    }
}
