/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/**
 * What {@link TenantTable#batchWriteItems} and {@link TenantAsyncTable#batchWriteItems} could not write: the items
 * and keys DynamoDB still reported unprocessed after the retries (with jittered exponential backoff). Empty lists
 * mean everything was written. Write them again later, or treat them as a throttling failure.
 *
 * @param unprocessedPuts items not written, with application ids
 * @param unprocessedDeletes keys not deleted, with application ids
 * @param <T> the item type
 */
public record BatchWriteItemsResult<T>(List<T> unprocessedPuts, List<Key> unprocessedDeletes) {

    /**
     * Copies the lists.
     *
     * @param unprocessedPuts items not written
     * @param unprocessedDeletes keys not deleted
     */
    public BatchWriteItemsResult {
        unprocessedPuts = List.copyOf(unprocessedPuts);
        unprocessedDeletes = List.copyOf(unprocessedDeletes);
    }

    /** @return true when every put and delete was processed */
    public boolean complete() {
        return unprocessedPuts.isEmpty() && unprocessedDeletes.isEmpty();
    }
}
