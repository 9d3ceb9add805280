package dev.uploadgate.client;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * At most {@code count} buffers of {@code size} bytes, made when first needed and then reused:
 * the whole memory a transfer holds for data. Taking one waits while all are in use, which is
 * what keeps a fast reader from running ahead of the network.
 */
final class BufferPool {
    private final int size;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();

    BufferPool(int count, int size) {
        this.size = size;
        this.permits = new Semaphore(count);
    }

    /**
     * A buffer, waiting for one to be given back if needed; null when {@code stop} turns true
     * while waiting (another part failed, say).
     */
    byte[] take(BooleanSupplier stop) throws InterruptedException {
        while (!permits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
            if (stop.getAsBoolean()) {
                return null;
            }
        }
        if (stop.getAsBoolean()) {
            permits.release();
            return null;
        }
        byte[] buffer = free.poll();
        return buffer != null ? buffer : new byte[size];
    }

    void give(byte[] buffer) {
        free.add(buffer);
        permits.release();
    }
}
