/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.credentials;

import java.time.Duration;

/**
 * Hears what the credentials cache does, for metrics (the Spring module binds it to Micrometer). Methods are
 * called on the thread that did the work and must not block or throw; every method has a no-op default.
 */
public interface CredentialsListener {

    /** A listener that ignores every event. */
    CredentialsListener NONE = new CredentialsListener() {};

    /**
     * Cognito issued credentials.
     *
     * @param latency how long the exchange took ({@code GetId} when needed, plus {@code GetCredentialsForIdentity})
     * @param refresh true for a background refresh ahead of expiry, false for a caller waiting on a miss
     */
    default void exchangeSucceeded(Duration latency, boolean refresh) {}

    /**
     * An exchange failed.
     *
     * @param cause a short, low-cardinality cause: the Cognito error code (such as
     *     {@code TooManyRequestsException}), {@code Timeout}, {@code ClientError} or {@code Unknown}
     * @param refresh true for a background refresh, false for a caller waiting on a miss
     * @param servingCached true when still-valid credentials keep being served despite the failure
     */
    default void exchangeFailed(String cause, boolean refresh, boolean servingCached) {}
}
