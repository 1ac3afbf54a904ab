/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.credentials.CredentialsListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers how the recent Cognito exchanges went, for {@link TenantClientHealthIndicator}: failures since the last
 * success, the last failure's cause and time, whether Cognito throttled. A credentials listener; the
 * auto-configuration attaches it to the {@code TenantClient} it builds, and to one the application builds from the
 * injected {@code TenantClient.Builder}. Thread-safe.
 */
public final class TenantClientHealthTracker implements CredentialsListener {

    /** Cognito's error code for throttling. */
    static final String THROTTLED = "TooManyRequestsException";

    private final Clock clock;
    private final Duration window;
    private int consecutiveFailures;
    private int callersFailed;
    private String lastFailureCause;
    private Instant lastFailureAt;
    private Instant lastSuccessAt;

    /**
     * Creates a tracker.
     *
     * @param clock the time source
     * @param window how long a failure counts as recent when no exchange has succeeded since
     */
    public TenantClientHealthTracker(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    @Override
    public synchronized void exchangeSucceeded(Duration latency, boolean refresh) {
        consecutiveFailures = 0;
        callersFailed = 0;
        lastSuccessAt = clock.instant();
    }

    @Override
    public synchronized void exchangeFailed(String cause, boolean refresh, boolean servingCached) {
        consecutiveFailures++;
        if (!servingCached) {
            callersFailed++;
        }
        lastFailureCause = cause;
        lastFailureAt = clock.instant();
    }

    /**
     * What the tracker knows now.
     *
     * @return a snapshot
     */
    public synchronized Snapshot snapshot() {
        boolean recent = lastFailureAt != null
                && consecutiveFailures > 0
                && !lastFailureAt.isBefore(clock.instant().minus(window));
        return new Snapshot(
                recent && callersFailed > 0,
                recent ? consecutiveFailures : 0,
                recent && THROTTLED.equals(lastFailureCause),
                lastFailureCause,
                lastFailureAt,
                lastSuccessAt);
    }

    /**
     * The recent state of Cognito exchanges.
     *
     * @param failing whether the most recent exchanges failed and left callers without credentials
     * @param recentFailures exchanges failed in a row, within the window (0 after a success)
     * @param throttled whether the most recent failure was Cognito throttling
     * @param lastFailureCause the last failure's cause (a Cognito error code, {@code Timeout}, ...), or null
     * @param lastFailureAt when the last exchange failed, or null
     * @param lastSuccessAt when the last exchange succeeded, or null
     */
    public record Snapshot(
            boolean failing,
            int recentFailures,
            boolean throttled,
            String lastFailureCause,
            Instant lastFailureAt,
            Instant lastSuccessAt) {}

    @Override
    public String toString() {
        return "TenantClientHealthTracker{" + snapshot() + "}";
    }
}
