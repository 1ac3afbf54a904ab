/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

/**
 * Hears what the tenant boundary filtered out, for metrics and alerts (a Micrometer counter, a security log). Set
 * with {@link TenantClient.Builder#boundaryListener(BoundaryListener)}; {@link TenantClient#foreignItemsDropped()}
 * counts the same events. Methods are called on the thread that made the request and must not block or throw;
 * every method has a no-op default.
 */
public interface BoundaryListener {

    /** A listener that ignores every event. */
    BoundaryListener NONE = new BoundaryListener() {};

    /**
     * A global secondary index query returned items whose table partition key is not the caller's tenant's; they
     * were dropped, not returned. IAM cannot stop a tenant from writing another tenant's value into an index key
     * attribute of its own items, so such items are expected only when someone plants them: treat any as a signal.
     *
     * @param table the table
     * @param index the index
     * @param count how many items this page dropped, at least one
     */
    default void foreignItemsDropped(String table, String index, int count) {}
}
