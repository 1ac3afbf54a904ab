/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One application query call, which may take several DynamoDB requests: a global index page without the items of
 * other tenants. IAM confines a write by the table's partition key only, so any tenant can put another tenant's value
 * into an index key attribute of its own item; DynamoDB always projects the table's key into the index, and an entry
 * whose table partition key is not the caller's is dropped (counted and logged), never returned and never thrown on.
 * When the page ends on such an entry, its last evaluated key (another tenant's key) is replaced by the key of the
 * page's last own item, or, when the page has none, the query continues past it, so paging neither leaks nor stops.
 *
 * <p>Use: send {@link #request()}, hand each response to {@link #next(QueryResponse)} and send what it returns until it
 * returns null, then take {@link #response()}. Not thread-safe (one call, one sequence).
 */
public final class QueryPages {
    private final TableKeys t;
    private final @Nullable String globalIndex;
    private final QueryRequest out;
    private final boolean projectedForCheck;
    private final ResponseStripping stripping;
    private final List<Map<String, AttributeValue>> own = new ArrayList<>();
    private int dropped;
    private int scanned;
    private @Nullable QueryResponse result;

    /**
     * Creates the pages of one call.
     *
     * @param t the table
     * @param globalIndex the global index queried (entries of other tenants may be in it), or null for the table or a
     *     local index
     * @param out the first request
     * @param projectedForCheck whether the table's partition key was added to the projection to check, then dropped
     * @param stripping the way back
     */
    QueryPages(
            TableKeys t,
            @Nullable String globalIndex,
            QueryRequest out,
            boolean projectedForCheck,
            ResponseStripping stripping) {
        this.t = t;
        this.globalIndex = globalIndex;
        this.out = out;
        this.projectedForCheck = projectedForCheck;
        this.stripping = stripping;
    }

    /** @return the first request to send */
    public QueryRequest request() {
        return out;
    }

    /**
     * Takes a response.
     *
     * @param response DynamoDB's answer to the last request
     * @return the next request to send, or null when the call's response is complete
     */
    public @Nullable QueryRequest next(QueryResponse response) {
        String index = globalIndex;
        if (index == null) {
            result = strip(response);
            return null;
        }
        LeadingKeyCheck leading = stripping.leading();
        scanned += response.scannedCount() == null ? 0 : response.scannedCount();
        for (Map<String, AttributeValue> item : response.items()) {
            if (leading.ownsTableKey(t, item)) {
                own.add(item);
            } else {
                dropped++;
            }
        }
        Map<String, AttributeValue> last = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
        if (last.isEmpty() || leading.ownsTableKey(t, last)) {
            result = strip(ownOnly(index, response));
            return null;
        }
        Map<String, AttributeValue> lastOwn = own.isEmpty() ? null : own.get(own.size() - 1);
        if (lastOwn != null && lastOwn.keySet().containsAll(last.keySet())) {
            Map<String, AttributeValue> restart = new HashMap<>();
            last.keySet().forEach(k -> restart.put(k, lastOwn.get(k)));
            result = strip(ownOnly(
                    index, response.toBuilder().lastEvaluatedKey(restart).build()));
            return null;
        }
        return out.toBuilder().exclusiveStartKey(last).build();
    }

    /**
     * The call's response in the application's form.
     *
     * @return the response
     * @throws IllegalStateException when {@link #next(QueryResponse)} has not returned null yet
     */
    public QueryResponse response() {
        QueryResponse r = result;
        if (r == null) {
            throw new IllegalStateException("The query call has more requests to send");
        }
        return r;
    }

    private QueryResponse ownOnly(String index, QueryResponse response) {
        if (dropped > 0) {
            stripping.events().foreignItemsDropped(t.table(), index, dropped);
        }
        return response.toBuilder()
                .items(own)
                .count(own.size())
                .scannedCount(scanned)
                .build();
    }

    private QueryResponse strip(QueryResponse response) {
        ItemRewriter items = stripping.items();
        QueryResponse.Builder r = response.toBuilder();
        if (response.hasItems()) {
            r.items(response.items().stream()
                    .map(item -> {
                        Map<String, AttributeValue> app = items.toApplication(t, item);
                        if (!projectedForCheck || !app.containsKey(t.partitionKey())) {
                            return app;
                        }
                        Map<String, AttributeValue> withoutKey = new HashMap<>(app);
                        withoutKey.remove(t.partitionKey());
                        return withoutKey;
                    })
                    .toList());
        }
        if (response.hasLastEvaluatedKey()) {
            r.lastEvaluatedKey(items.toApplication(t, response.lastEvaluatedKey()));
        }
        return r.build();
    }
}
