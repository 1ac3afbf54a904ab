/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.TenantBoundaryException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The guard's predicate: every leading key of a request must carry the tenant, exactly as the IAM
 * {@code dynamodb:LeadingKeys} condition requires, so a request IAM would deny is never sent. Thread-safe.
 */
final class LeadingKeyCheck {

    private final PartitionKeys keys;

    /**
     * Creates the check.
     *
     * @param keys the tenant's partition-key rule
     */
    LeadingKeyCheck(PartitionKeys keys) {
        this.keys = keys;
    }

    /**
     * Checks a leading key.
     *
     * @param t the table
     * @param index the index queried, or null
     * @param key the attributes holding the leading key (a key, an item, or the bound key-condition value)
     * @throws TenantBoundaryException when the index is not tenant-keyed or a leading key is missing or outside the
     *     tenant
     */
    void check(TableKeys t, @Nullable String index, Map<String, AttributeValue> key) {
        String attribute = t.partitionKeyOf(index)
                .orElseThrow(() -> new TenantBoundaryException(
                        "Index '" + index + "' of table '" + t.table() + "' is not keyed by the tenant"));
        AttributeValue value = key.get(attribute);
        if (value == null || value.s() == null) {
            throw new TenantBoundaryException("Request to table '" + t.table() + "' has no string leading key '"
                    + attribute + "'; IAM could not confine it");
        }
        if (!keys.owns(value.s())) {
            throw new TenantBoundaryException("Request to table '" + t.table() + "' has a leading key outside the"
                    + " caller's tenant; it was not sent");
        }
    }

    /**
     * Checks the table's leading key of a stored key or item.
     *
     * @param t the table
     * @param key the stored key or item
     * @return the key
     * @throws TenantBoundaryException when its leading key is missing or outside the tenant
     */
    Map<String, AttributeValue> checked(TableKeys t, Map<String, AttributeValue> key) {
        check(t, null, key);
        return key;
    }

    /**
     * @param t the table
     * @param item a stored item or index entry
     * @return whether the item's table partition key is the tenant's
     */
    boolean ownsTableKey(TableKeys t, Map<String, AttributeValue> item) {
        AttributeValue v = item.get(t.partitionKey());
        return v != null && v.s() != null && keys.owns(v.s());
    }
}
