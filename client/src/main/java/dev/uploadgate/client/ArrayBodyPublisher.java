package dev.uploadgate.client;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A request body over a slice of a byte array, sent as read-only views of the array itself.
 * {@code BodyPublishers.ofByteArray} copies the whole body into fresh 16 KiB buffers when the
 * request starts, which doubles the memory of every part in flight; this one copies nothing, and
 * reports each chunk as it is handed to the connection. Each subscription (a retry or redirect
 * subscribes again) starts from the beginning.
 */
final class ArrayBodyPublisher implements HttpRequest.BodyPublisher {
    static final int CHUNK = 64 * 1024;

    private final byte[] array;
    private final int offset;
    private final int length;
    private final LongConsumer sent;

    ArrayBodyPublisher(byte[] array, int offset, int length, LongConsumer sent) {
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.sent = sent;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new ChunkSubscription(subscriber));
    }

    private final class ChunkSubscription implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger draining = new AtomicInteger();
        private final AtomicBoolean done = new AtomicBoolean();
        private int position;

        ChunkSubscription(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (done.compareAndSet(false, true)) {
                    subscriber.onError(new IllegalArgumentException("non-positive request " + n));
                }
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            // Only one thread emits; a request() from inside onNext just adds demand for the loop.
            if (draining.getAndIncrement() != 0) {
                return;
            }
            do {
                while (demand.get() > 0 && !done.get()) {
                    if (position >= length) {
                        if (done.compareAndSet(false, true)) {
                            subscriber.onComplete();
                        }
                        break;
                    }
                    int size = Math.min(CHUNK, length - position);
                    ByteBuffer chunk = ByteBuffer.wrap(array, offset + position, size).slice().asReadOnlyBuffer();
                    position += size;
                    demand.decrementAndGet();
                    subscriber.onNext(chunk);
                    sent.accept(size);
                }
                if (position >= length && !done.get() && done.compareAndSet(false, true)) {
                    subscriber.onComplete();
                }
            } while (draining.decrementAndGet() != 0);
        }

        @Override
        public void cancel() {
            done.set(true);
        }
    }
}
