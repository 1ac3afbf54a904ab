/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Jittered exponential backoff after failed exchanges: the n-th consecutive failure waits a random delay between
 * {@code min} and {@code min * 2^(n-1)}, capped at {@code max} ("full jitter" above the minimum). Used on both the
 * background refresh and the foreground path, so a failing Cognito is never asked on every call.
 */
final class Backoff {

    private final long minNanos;
    private final long maxNanos;

    Backoff(Duration min, Duration max) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** @return the delay before the next attempt after {@code failures} consecutive failures (at least 1) */
    long delayNanos(int failures) {
        int shift = Math.min(Math.max(failures, 1) - 1, 30);
        long ceiling = minNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, minNanos << shift);
        return ThreadLocalRandom.current().nextLong(minNanos, Math.max(minNanos, ceiling) + 1);
    }
}
