/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import software.amazon.awssdk.core.pagination.sync.SdkIterable;

/**
 * A lazy listing of a tenant's folder, as the SDK's {@code ListObjectsV2Iterable}: each page is one
 * {@code ListObjectsV2} request, sent only when iteration reaches it, and every iteration starts again from the
 * first page. Obtain with {@link TenantBucket#listObjects(String)}.
 *
 * <pre>{@code
 * for (TenantObject o : files.listObjects("reports/").objects()) { ... }   // stop early: no more requests
 * files.listObjects("reports/", "/").stream().flatMap(p -> p.commonPrefixes().stream())...
 * }</pre>
 */
@FunctionalInterface
public interface TenantListingPages extends SdkIterable<TenantListing> {

    /**
     * The objects of all pages, one after the other, fetching pages as iteration needs them.
     *
     * @return the objects, keys relative to the tenant's folder
     */
    default SdkIterable<TenantObject> objects() {
        return () -> stream().flatMap(page -> page.objects().stream()).iterator();
    }
}
