/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import dev.tenantclient.credentials.CredentialsStats;
import java.util.concurrent.atomic.LongAdder;

/** The cache's statistics, counted where they happen and read as one {@link CredentialsStats} snapshot. */
final class CredentialsCounters {

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder exchanges = new LongAdder();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder getIdCalls = new LongAdder();

    /** A credentials request answered from the cache. */
    void hit() {
        hits.increment();
    }

    /** A credentials request that waits for (or starts) an exchange. */
    void miss() {
        misses.increment();
    }

    /** A request answered with a remembered failure (a refused token, or inside a backoff) without an exchange. */
    void refused() {
        refused.increment();
    }

    /** A caller that stopped waiting (its timeout, an interrupt) while the exchange went on. */
    void abandoned() {
        abandoned.increment();
    }

    /**
     * An exchange that issued credentials.
     *
     * @param refresh whether it was a background refresh
     */
    void exchanged(boolean refresh) {
        exchanges.increment();
        if (refresh) {
            refreshes.increment();
        }
    }

    /** An exchange that failed (the service refused the token or failed). */
    void failed() {
        failures.increment();
    }

    /** @return the counter of {@code GetId} calls, which {@link IdentityIds} increments */
    LongAdder getIdCalls() {
        return getIdCalls;
    }

    /** @return the counts now */
    CredentialsStats snapshot() {
        return new CredentialsStats(
                hits.sum(),
                misses.sum(),
                exchanges.sum(),
                refreshes.sum(),
                failures.sum(),
                getIdCalls.sum(),
                refused.sum(),
                abandoned.sum());
    }
}
