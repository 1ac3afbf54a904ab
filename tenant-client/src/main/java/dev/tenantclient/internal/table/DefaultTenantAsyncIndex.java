/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.table;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantAsyncIndex;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncIndex;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/** The implementation of {@link TenantAsyncIndex}. */
public final class DefaultTenantAsyncIndex<T> implements TenantAsyncIndex<T> {

    private final DynamoDbAsyncIndex<T> index;
    private final Tenant tenant;

    public DefaultTenantAsyncIndex(DynamoDbAsyncIndex<T> index, Tenant tenant) {
        this.index = index;
        this.tenant = tenant;
    }

    /** @return the index name */
    @Override
    public String indexName() {
        return index.indexName();
    }

    /**
     * Queries one partition of the index; pages are requested as the subscriber demands them.
     *
     * @param condition the key condition, with the application's partition value
     * @return the pages
     */
    @Override
    public SdkPublisher<Page<T>> query(QueryConditional condition) {
        return index.query(Objects.requireNonNull(condition, "condition"));
    }

    /**
     * Queries with options.
     *
     * @param request the request
     * @return the pages
     */
    @Override
    public SdkPublisher<Page<T>> query(QueryEnhancedRequest request) {
        return index.query(Objects.requireNonNull(request, "request"));
    }

    /**
     * Queries with options.
     *
     * @param request configures the request
     * @return the pages
     */
    @Override
    public SdkPublisher<Page<T>> query(Consumer<QueryEnhancedRequest.Builder> request) {
        return index.query(Objects.requireNonNull(request, "request"));
    }

    @Override
    public String toString() {
        return "TenantAsyncIndex{index=" + indexName() + ", tenant=" + tenant.org() + "}";
    }
}
