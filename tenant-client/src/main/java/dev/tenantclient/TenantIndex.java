/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import java.util.function.Consumer;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/**
 * A secondary index of a {@link TenantTable}, confined to the tenant: a query's partition value is the
 * application's, the tenant prefix is added, and results come back with application ids. Obtain with
 * {@link TenantTable#index(String)}. Thread-safe.
 *
 * <p>IAM confines writes by the table's partition key only, so another tenant can write an item of its own whose
 * index key is this tenant's value. A global index query drops every entry whose table partition key (which DynamoDB
 * always projects into the index) is not this tenant's: it is never returned and never makes the query fail; it is
 * counted in {@link TenantClient#foreignItemsDropped()} and reported to the {@link BoundaryListener}.
 *
 * @param <T> the item type
 */
public interface TenantIndex<T> {

    /** @return the index name */
    default String indexName() {
        throw new UnsupportedOperationException();
    }

    /**
     * Queries one partition of the index.
     *
     * @param condition the key condition, with the application's partition value
     * @return the pages
     */
    default SdkIterable<Page<T>> query(QueryConditional condition) {
        throw new UnsupportedOperationException();
    }

    /**
     * Queries with options.
     *
     * @param request the request
     * @return the pages
     */
    default SdkIterable<Page<T>> query(QueryEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Queries with options.
     *
     * @param request configures the request
     * @return the pages
     */
    default SdkIterable<Page<T>> query(Consumer<QueryEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }
}
