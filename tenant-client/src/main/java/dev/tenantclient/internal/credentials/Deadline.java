/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import java.time.Duration;

/**
 * The one deadline a caller waits on: the exchange slot, the rate limiters, {@code GetId} and
 * {@code GetCredentialsForIdentity} all take their time out of it, so a caller never waits longer than
 * {@code exchangeTimeout} in all. Monotonic ({@link System#nanoTime()}), immune to wall-clock jumps.
 */
final class Deadline {

    private final long endNanos;
    private final Duration timeout;

    private Deadline(long endNanos, Duration timeout) {
        this.endNanos = endNanos;
        this.timeout = timeout;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** @return nanoseconds left, zero or negative once passed */
    long remainingNanos() {
        return endNanos - System.nanoTime();
    }

    boolean passed() {
        return remainingNanos() <= 0;
    }

    /** @return the time left, for an SDK call's {@code apiCallTimeout}; at least one millisecond */
    Duration remaining() {
        return Duration.ofNanos(Math.max(1_000_000L, remainingNanos()));
    }

    /** @return the whole timeout this deadline was made from */
    Duration timeout() {
        return timeout;
    }
}
