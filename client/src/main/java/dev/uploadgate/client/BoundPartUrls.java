package dev.uploadgate.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Part URLs with the part's checksum bound into the signature, so they can only be asked for once
 * the part is read. With an S3 checksum, the parts that wait for a URL at the same moment share
 * one batch call: the first waiting worker calls the API for every part queued, and whoever
 * queues while that call runs goes in the next one (with 8 workers reading in parallel, about one
 * call per 8 parts, never a timer). With MD5, each part is presigned alone with its
 * {@code contentMD5} and {@code contentLength} (the API has no batch form for those).
 */
final class BoundPartUrls implements PartUrls {
    private final ApiClient api;
    private final String key;
    private final String uploadId;
    private final ChecksumAlgorithm algorithm;
    private final Object lock = new Object();
    private final Deque<Request> queue = new ArrayDeque<>();
    private boolean calling;

    BoundPartUrls(ApiClient api, String key, String uploadId, ChecksumAlgorithm algorithm) {
        this.api = api;
        this.key = key;
        this.uploadId = uploadId;
        this.algorithm = algorithm;
    }

    /** One part waiting for its URL; filled in by whichever worker makes the call. */
    private static final class Request {
        final int partNumber;
        final String checksum;
        Target target;
        RuntimeException failure;

        Request(int partNumber, String checksum) {
            this.partNumber = partNumber;
            this.checksum = checksum;
        }

        boolean answered() {
            return target != null || failure != null;
        }
    }

    @Override
    public Target target(int partNumber, long length, PartDigest digest) throws InterruptedException {
        if (!algorithm.isS3Checksum()) {
            ApiClient.PartUrl url = api.presignPart(key, uploadId, partNumber, length, digest.base64());
            return new Target(url.url(), url.headers() == null ? Map.of() : url.headers());
        }
        Request request = new Request(partNumber, digest.base64());
        synchronized (lock) {
            queue.add(request);
        }
        while (true) {
            List<Request> batch = new ArrayList<>();
            synchronized (lock) {
                while (!request.answered() && calling) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        queue.remove(request);
                        throw e;
                    }
                }
                if (request.answered()) {
                    break;
                }
                calling = true;
                while (!queue.isEmpty() && batch.size() < PartUrlCache.BATCH) {
                    batch.add(queue.poll());
                }
            }
            try {
                call(batch);
            } catch (InterruptedException e) {
                synchronized (lock) {
                    queue.remove(request);
                }
                throw e;
            }
        }
        if (request.failure != null) {
            throw request.failure;
        }
        return request.target;
    }

    /** Presigns a batch and answers each of its requests (with the failure, if the call failed). */
    private void call(List<Request> batch) throws InterruptedException {
        try {
            List<Integer> numbers = batch.stream().map(r -> r.partNumber).toList();
            ApiClient.PartUrls answer = api.presignBatch(key, uploadId, numbers, batch.stream().map(r -> r.checksum).toList());
            synchronized (lock) {
                for (Request r : batch) {
                    r.target = targetOf(answer, r);
                }
            }
        } catch (RuntimeException e) {
            synchronized (lock) {
                batch.forEach(r -> r.failure = e);
            }
            throw e;
        } catch (InterruptedException e) {
            synchronized (lock) {
                // The others' workers were not interrupted: queue their parts again for the next caller.
                batch.forEach(queue::addFirst);
            }
            throw e;
        } finally {
            synchronized (lock) {
                calling = false;
                lock.notifyAll();
            }
        }
    }

    /** The part's URL and headers, once the API is seen to have bound this very checksum. */
    private Target targetOf(ApiClient.PartUrls answer, Request request) {
        String url = answer.presignedUrls() == null ? null : answer.presignedUrls().get(Integer.toString(request.partNumber));
        Map<String, String> headers = answer.headersOf(request.partNumber);
        if (url == null || !request.checksum.equals(headers.get(algorithm.header()))) {
            return failed("the API's batch presign answer for part " + request.partNumber + " has "
                    + (url == null ? "no URL" : "no " + algorithm.header() + " header with the part's checksum")
                    + "; is " + api.baseUrl() + " the uploadgate API, of a version with checksums? (--checksum md5 works without)");
        }
        return new Target(url, headers);
    }

    private static Target failed(String message) {
        throw new TransferException(TransferException.Kind.TRANSFER, message, null);
    }

    @Override
    public void refused(int partNumber) {
        // Nothing kept: every target is presigned when asked for.
    }
}
