/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import org.jspecify.annotations.Nullable;

/**
 * Observes what tenant-client does for a tenant, for tracing and timing (the Spring module adapts it to Micrometer's
 * {@code Observation} when an {@code ObservationRegistry} bean exists). tenant-client starts an observation when the
 * work starts and stops it when the work ends, on whichever thread that is. Implementations must be thread-safe, fast
 * and must not throw. They receive the {@link Tenant} (its tenant value and subject) and never a token or credentials.
 * Every method has a no-op default, so new kinds of observation never break an implementation.
 */
public interface TenantObservations {

    /** Observes nothing. */
    TenantObservations NONE = new TenantObservations() {};

    /**
     * A token → credentials exchange with Cognito Identity starts ({@code GetId} when the identity id is not known,
     * then {@code GetCredentialsForIdentity}): a cache miss a caller waits for, or a background refresh ahead of
     * expiry. Hits of the cache are not observed.
     *
     * @param tenant the token's tenant
     * @param refresh true for a background refresh, false for a miss
     * @return the running observation, stopped when the exchange ends
     */
    default Observed exchange(Tenant tenant, boolean refresh) {
        return Observed.NONE;
    }

    /**
     * A call of a table, index or bucket operation of a tenant's session starts.
     *
     * @param tenant the session's tenant
     * @param service {@code dynamodb} or {@code s3}
     * @param operation the SDK operation, such as {@code GetItem} or {@code PutObject}
     * @return the running observation, stopped when the call ends
     */
    default Observed call(Tenant tenant, String service, String operation) {
        return Observed.NONE;
    }

    /** One running observation. */
    @FunctionalInterface
    interface Observed {

        /** A stopped observation: stopping it does nothing. */
        Observed NONE = failure -> {};

        /**
         * Stops the observation. Called once.
         *
         * @param failure why the work failed, or null when it succeeded; a tenant-client exception (such as
         *     {@link CredentialsUnavailableException} or {@link InvalidTenantTokenException}) or an SDK exception,
         *     none of whose messages carries a token or credentials
         */
        void stop(@Nullable Throwable failure);
    }
}
