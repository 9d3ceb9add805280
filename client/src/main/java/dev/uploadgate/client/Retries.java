package dev.uploadgate.client;

import java.io.IOException;

/** Runs one request under a {@link RetryPolicy}: the loop, the waits, and the final error. */
final class Retries {
    private Retries() {
    }

    /** One try of a request. Throws {@link Retryable} or {@link IOException} for what another try may fix. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException, Retryable, InterruptedException;
    }

    /** A failure worth another attempt, such as a 5xx or 429 answer. */
    static final class Retryable extends Exception {
        private static final long serialVersionUID = 1L;

        Retryable(String message) {
            super(message, null, false, false);
        }
    }

    static <T> T run(RetryPolicy policy, String what, Attempt<T> attempt) throws InterruptedException {
        Exception last = null;
        for (int tries = 1; ; tries++) {
            try {
                return attempt.run();
            } catch (IOException | Retryable e) {
                last = e;
            }
            if (tries >= policy.maxAttempts()) {
                throw new TransferException(TransferException.Kind.TRANSFER, what + " failed after " + tries
                        + (tries == 1 ? " attempt" : " attempts") + ": " + describe(last)
                        + "; check the network and the server, then try again", last);
            }
            Thread.sleep(policy.delayBeforeRetry(tries).toMillis());
        }
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String type = failure instanceof Retryable ? "" : failure.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type.isEmpty() ? "unknown failure" : type;
        }
        return type.isEmpty() ? message : type + ": " + message;
    }
}
