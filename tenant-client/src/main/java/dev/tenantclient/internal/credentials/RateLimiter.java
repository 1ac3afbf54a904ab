/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import java.util.concurrent.TimeUnit;

/**
 * Keeps one Cognito operation under its request-rate quota (GetId 25/s, GetCredentialsForIdentity 200/s by
 * default). Each caller reserves the next free turn in arrival order (fair), then waits for it; a caller whose turn
 * would come after its deadline takes no turn and fails at once with {@link DeadlineExceeded}, so a queue never
 * holds callers that cannot be served in time. No burst: turns are evenly spaced, which leaves the quota's own
 * burst allowance to absorb network jitter.
 */
final class RateLimiter {

    private final String operation;
    private final double perSecond;
    private static final long CALL_RESERVE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final long intervalNanos;
    private long nextFreeNanos = System.nanoTime();

    RateLimiter(String operation, double perSecond) {
        this.operation = operation;
        this.perSecond = perSecond;
        this.intervalNanos = Math.max(1L, (long) (1_000_000_000L / perSecond));
    }

    /** An unlimited limiter, for rate limits switched off. */
    static RateLimiter unlimited(String operation) {
        return new RateLimiter(operation, Double.POSITIVE_INFINITY);
    }

    /**
     * Takes the next turn and waits for it.
     *
     * @throws DeadlineExceeded when the turn would come after the deadline
     * @throws InterruptedException when interrupted while waiting for the turn
     */
    void acquire(Deadline deadline) throws InterruptedException {
        long wait = reserve(deadline);
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /**
     * Takes the next turn without waiting for it (the async path waits on a delayed future instead).
     *
     * @return nanoseconds until the turn, zero or less when it is now
     * @throws DeadlineExceeded when the turn would come after the deadline
     */
    long reserve(Deadline deadline) {
        if (Double.isInfinite(perSecond)) {
            return 0;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long turn = Math.max(nextFreeNanos, now);
            wait = turn - now;
            // A turn that leaves the call itself (almost) no time would only turn into an SDK timeout after using
            // up a turn of the quota: refuse it now, keeping a tenth of the timeout (at most 200 ms) for the call.
            long reserve = Math.min(CALL_RESERVE_NANOS, deadline.timeout().toNanos() / 10);
            if (wait > 0 && wait + reserve >= deadline.remainingNanos()) {
                throw new DeadlineExceeded("the " + operation + " rate limit (" + rate() + "/s) has no turn free"
                        + " before the deadline (Throttled)");
            }
            nextFreeNanos = turn + intervalNanos;
        }
        return wait;
    }

    private String rate() {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }
}
