/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import software.amazon.awssdk.core.async.SdkPublisher;

/**
 * A lazy listing of a tenant's folder for the async API, as the SDK's {@code ListObjectsV2Publisher}: each page is
 * one {@code ListObjectsV2} request, sent as the subscriber demands it; every subscription starts again from the
 * first page. Obtain with {@link TenantAsyncBucket#listObjects(String)}.
 *
 * <pre>{@code
 * files.listObjects("reports/").objects().limit(10).subscribe(o -> ...);   // at most the pages the first 10 need
 * }</pre>
 */
@FunctionalInterface
public interface TenantListingPublisher extends SdkPublisher<TenantListing> {

    /**
     * The objects of all pages, one after the other, requesting pages as the subscriber demands objects.
     *
     * @return the objects, keys relative to the tenant's folder
     */
    default SdkPublisher<TenantObject> objects() {
        return flatMapIterable(TenantListing::objects);
    }
}
