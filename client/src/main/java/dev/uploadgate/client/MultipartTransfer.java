package dev.uploadgate.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The parts of one multipart upload in flight: {@code concurrency} workers, each holding one
 * buffer from a pool of as many, read a part (at its offset in the file, or the next bytes of a
 * stream), compute its checksum as the bytes come in, and send it. Memory stays at {@code concurrency x partSize} whatever
 * the file's size. The first failure stops the rest.
 */
final class MultipartTransfer implements AutoCloseable {
    /**
     * File reads go through the JDK's per-thread direct buffer; small reads keep that buffer small,
     * and each chunk is hashed while it is still in the CPU's cache.
     */
    private static final int READ_CHUNK = Digests.UPDATE_CHUNK;

    /** Told of every part once S3 holds it (the state file listens). */
    @FunctionalInterface
    interface PartListener {
        void finished(NavigableMap<Integer, String> etags) throws IOException;
    }

    private final PartSender sender;
    private final PartUrls urls;
    private final MultipartUpload upload;
    private final BufferPool buffers;
    private final ExecutorService workers;
    private final ProgressListener progress;
    private final PartListener partListener;
    private final NavigableMap<Integer, PartDigest> digests = new ConcurrentSkipListMap<>();
    private final NavigableMap<Integer, String> etags = new ConcurrentSkipListMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong transferred = new AtomicLong();
    private final AtomicInteger partsSent = new AtomicInteger();
    private volatile long totalBytes = -1;

    MultipartTransfer(PartSender sender, PartUrls urls, MultipartUpload upload, int concurrency, int bufferSize,
                      ProgressListener progress, PartListener partListener) {
        this.sender = sender;
        this.urls = urls;
        this.upload = upload;
        this.buffers = new BufferPool(concurrency, bufferSize);
        this.workers = Executors.newFixedThreadPool(concurrency, daemonThreads("uploadgate-part"));
        this.progress = progress;
        this.partListener = partListener;
    }

    static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A part S3 already holds (found by a resume), with the value of the local bytes it matched. */
    void alreadyOnServer(int partNumber, PartDigest digest, String etag) {
        digests.put(partNumber, digest);
        etags.put(partNumber, etag);
        transferred.addAndGet(digest.length());
    }

    /** Sends the given parts of a file of {@code size} bytes, read at their offsets. */
    void sendFromFile(FileChannel file, long size, long partSize, List<Integer> parts) throws InterruptedException {
        totalBytes = size;
        report(0);
        for (int partNumber : parts) {
            byte[] buffer = buffers.take(this::failed);
            if (buffer == null) {
                break;
            }
            long offset = (partNumber - 1) * partSize;
            int length = (int) PartSizes.partLength(size, partSize, partNumber);
            submit(buffer, () -> {
                PartDigest digest = readFully(file, buffer, offset, length, partNumber, upload.checksum());
                send(partNumber, buffer, length, digest);
            });
        }
        awaitParts();
    }

    /** Sends a stream of unknown length, part after part; returns its length. */
    long sendFromStream(InputStream in, long partSize) throws InterruptedException {
        report(0);
        long total = 0;
        for (int partNumber = 1; ; partNumber++) {
            byte[] buffer = buffers.take(this::failed);
            if (buffer == null) {
                break;
            }
            int length;
            try {
                length = readFully(in, buffer, (int) partSize);
            } catch (IOException e) {
                buffers.give(buffer);
                failure.compareAndSet(null, new TransferException(TransferException.Kind.LOCAL,
                        "cannot read the input stream at byte " + total + ": " + e.getMessage(), e));
                break;
            }
            if (length == 0 && partNumber > 1) {
                buffers.give(buffer);
                break;
            }
            if (partNumber > PartSizes.MAX_PARTS) {
                buffers.give(buffer);
                failure.compareAndSet(null, new TransferException(TransferException.Kind.LOCAL, "the stream is longer than "
                        + PartSizes.MAX_PARTS + " parts of " + partSize + " bytes; pass a larger part size", null));
                break;
            }
            total += length;
            int number = partNumber;
            submit(buffer, () -> send(number, buffer, length, PartHash.of(upload.checksum(), buffer, 0, length)));
            if (length < partSize) {
                break;
            }
        }
        totalBytes = total;
        awaitParts();
        return total;
    }

    /** The parts' ETags in part order, once every part is on the server. */
    NavigableMap<Integer, String> etags() {
        return etags;
    }

    /** The parts' values in part order, for the whole object's. */
    List<PartDigest> digests() {
        return new ArrayList<>(digests.values());
    }

    int partsSent() {
        return partsSent.get();
    }

    private void send(int partNumber, byte[] buffer, int length, PartDigest digest) throws InterruptedException, IOException {
        String etag = sender.send(upload, urls, partNumber, buffer, length, digest, this::report);
        digests.put(partNumber, digest);
        etags.put(partNumber, etag);
        partsSent.incrementAndGet();
        partListener.finished(etags);
    }

    private interface PartTask {
        void run() throws InterruptedException, IOException;
    }

    private void submit(byte[] buffer, PartTask task) {
        workers.execute(() -> {
            try {
                task.run();
            } catch (InterruptedException e) {
                failure.compareAndSet(null, new TransferException(TransferException.Kind.CANCELLED, "the upload was cancelled", e));
            } catch (IOException e) {
                failure.compareAndSet(null, new TransferException(TransferException.Kind.LOCAL, e.getMessage(), e));
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            } finally {
                buffers.give(buffer);
            }
        });
    }

    private void awaitParts() throws InterruptedException {
        if (failed()) {
            // Stop the parts still in flight: the upload is lost, or kept for a resume that checks every part anyway.
            workers.shutdownNow();
        }
        workers.shutdown();
        while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
            if (failed()) {
                workers.shutdownNow();
            }
        }
        Throwable first = failure.get();
        if (first instanceof TransferException e) {
            throw e;
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }

    private boolean failed() {
        return failure.get() != null;
    }

    private void report(long delta) {
        progress.onProgress(transferred.addAndGet(delta), totalBytes);
    }

    /** Reads a part into {@code buffer} and returns its value, computed as the bytes come in. */
    private static PartDigest readFully(FileChannel file, byte[] buffer, long offset, int length, int partNumber,
                                        ChecksumAlgorithm algorithm) throws IOException {
        PartHash hash = PartHash.of(algorithm);
        int done = 0;
        while (done < length) {
            int n = file.read(ByteBuffer.wrap(buffer, done, Math.min(READ_CHUNK, length - done)), offset + done);
            if (n < 0) {
                throw new IOException("the file ended at byte " + (offset + done) + " while reading part " + partNumber
                        + "; it was changed during the upload");
            }
            hash.update(buffer, done, n);
            done += n;
        }
        return hash.finish();
    }

    private static int readFully(InputStream in, byte[] buffer, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, done, length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /** Stops every worker, at once. */
    @Override
    public void close() {
        workers.shutdownNow();
    }
}
