/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.table;

import dev.tenantclient.TenantClientException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * How batch operations retry what DynamoDB left unprocessed: a bounded number of attempts spaced by the SDK's
 * {@link BackoffStrategy} (exponential delay with full jitter, as the SDK's own standard retry strategy), never a
 * burst of immediate retries that would meet the same throttling again.
 *
 * @param backoff the delay before each retry
 * @param maxAttempts the attempts per batch, the first included
 */
public record BatchRetry(BackoffStrategy backoff, int maxAttempts) {

    /** The SDK standard strategy's DynamoDB base delay (25 ms), doubling up to 2 s, over 8 attempts. */
    public static final BatchRetry DEFAULT =
            new BatchRetry(BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofSeconds(2)), 8);

    /**
     * Checks the settings.
     *
     * @param backoff the delay before each retry
     * @param maxAttempts the attempts per batch, at least 1
     */
    public BatchRetry {
        java.util.Objects.requireNonNull(backoff, "backoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /**
     * Whether another attempt may follow this one.
     *
     * @param attempt the attempt just made, from 1
     * @return true when a retry is allowed
     */
    boolean mayRetry(int attempt) {
        return attempt < maxAttempts;
    }

    /**
     * Waits before retry {@code attempt + 1}, on the calling (sync) thread.
     *
     * @param attempt the attempt just made, from 1
     */
    void pause(int attempt) {
        Duration delay = backoff.computeDelay(attempt);
        try {
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TenantClientException("Interrupted while backing off a batch retry", e);
        }
    }

    /**
     * An executor that runs its task after the delay before retry {@code attempt + 1}, without blocking a thread.
     *
     * @param attempt the attempt just made, from 1
     * @return the delayed executor
     */
    Executor after(int attempt) {
        return CompletableFuture.delayedExecutor(backoff.computeDelay(attempt).toNanos(), TimeUnit.NANOSECONDS);
    }
}
