package dev.uploadgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ArrayBodyPublisherTest {

    /** Asks for one buffer at a time, from inside onNext, as the HTTP client does. */
    private static final class Collector implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicBoolean completed = new AtomicBoolean();
        int chunks;
        private Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(ByteBuffer item) {
            chunks++;
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.write(chunk, 0, chunk.length);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            throw new AssertionError(throwable);
        }

        @Override
        public void onComplete() {
            assertThat(completed.getAndSet(true)).as("completed once").isFalse();
        }
    }

    @Test
    void subscribe_slice_deliversExactlyTheSliceInChunksAndCountsThem() {
        byte[] array = new byte[3 * ArrayBodyPublisher.CHUNK + 77];
        new Random(1).nextBytes(array);
        AtomicLong sent = new AtomicLong();
        ArrayBodyPublisher publisher = new ArrayBodyPublisher(array, 10, array.length - 20, sent::addAndGet);

        Collector first = new Collector();
        publisher.subscribe(first);
        Collector again = new Collector();
        publisher.subscribe(again);

        byte[] expected = Arrays.copyOfRange(array, 10, array.length - 10);
        assertThat(publisher.contentLength()).isEqualTo(expected.length);
        assertThat(first.bytes.toByteArray()).isEqualTo(expected);
        assertThat(first.chunks).isEqualTo(4);
        assertThat(first.completed).isTrue();
        assertThat(again.bytes.toByteArray()).as("a retry subscribes again from the start").isEqualTo(expected);
        assertThat(sent.get()).isEqualTo(2L * expected.length);
    }

    @Test
    void subscribe_emptyBody_completesWithoutItems() {
        Collector collector = new Collector();
        new ArrayBodyPublisher(new byte[0], 0, 0, n -> { }).subscribe(collector);
        assertThat(collector.chunks).isZero();
        assertThat(collector.completed).isTrue();
    }
}
