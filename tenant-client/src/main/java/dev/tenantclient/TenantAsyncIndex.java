/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import java.util.function.Consumer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/**
 * A secondary index of a {@link TenantAsyncTable}, confined to the tenant as {@link TenantIndex} is: the query's
 * partition value is the application's, the tenant prefix is added, results come back with application ids, and a
 * global index page never holds another tenant's entries (they are dropped and counted in
 * {@link TenantClient#foreignItemsDropped()}). Obtain with {@link TenantAsyncTable#index(String)}. Thread-safe.
 *
 * @param <T> the item type
 */
public interface TenantAsyncIndex<T> {

    /** @return the index name */
    default String indexName() {
        throw new UnsupportedOperationException();
    }

    /**
     * Queries one partition of the index; pages are requested as the subscriber demands them.
     *
     * @param condition the key condition, with the application's partition value
     * @return the pages
     */
    default SdkPublisher<Page<T>> query(QueryConditional condition) {
        throw new UnsupportedOperationException();
    }

    /**
     * Queries with options.
     *
     * @param request the request
     * @return the pages
     */
    default SdkPublisher<Page<T>> query(QueryEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Queries with options.
     *
     * @param request configures the request
     * @return the pages
     */
    default SdkPublisher<Page<T>> query(Consumer<QueryEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }
}
