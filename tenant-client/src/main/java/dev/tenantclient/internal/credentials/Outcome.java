/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.AbortedException;

/** How an exchange ended, for the statistics, the listener, the backoff and the log. */
enum Outcome {
    /** The service refused the token: final. */
    REJECTED,
    /** The service (or the answer, or an Error on the way) failed: counted, backed off. */
    FAILED,
    /** The deadline passed before the service was asked: local, not counted as a failure. */
    LOCAL,
    /** The cache closed: nothing to report. */
    CLOSED;

    /**
     * Classifies a failed exchange.
     *
     * @param failure the unwrapped failure; null when the exchange did not run because the cache closed
     * @param closed whether the cache is closed now
     * @param source the source that failed, which knows its own refusals
     * @return the outcome
     */
    static Outcome of(@Nullable Throwable failure, boolean closed, CredentialsSource source) {
        if (failure == null || closed) {
            return CLOSED;
        }
        if (source.refusesToken(failure)) {
            return REJECTED;
        }
        if (failure instanceof DeadlineExceeded
                || failure instanceof InterruptedException
                || (failure instanceof AbortedException
                        && Thread.currentThread().isInterrupted())) {
            return LOCAL;
        }
        return FAILED;
    }
}
