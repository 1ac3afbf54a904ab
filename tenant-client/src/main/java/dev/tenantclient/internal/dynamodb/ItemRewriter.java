/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.TenantBoundaryException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Rewrites the tenant attributes of an item or key (the partition keys of a table and of its tenant-keyed global
 * indexes) between the application's id and the stored key ({@code <org>#<id>} in a prefix layout), following the
 * tenant's {@link PartitionKeys}. A map that carries no tenant attribute is returned as it is, never copied; a
 * rewritten one is a new mutable map. Checks nothing about whose key it is: that is the {@link LeadingKeyCheck}.
 * Thread-safe.
 */
final class ItemRewriter {

    private final PartitionKeys keys;

    /**
     * Creates the rewriter.
     *
     * @param keys the tenant's partition-key rule
     */
    ItemRewriter(PartitionKeys keys) {
        this.keys = keys;
    }

    /**
     * An item or key in stored form. In an exact layout a missing (or NULL) partition key becomes the tenant's key.
     *
     * @param t the table
     * @param item the application's item or key
     * @return the stored form (the same map when nothing changes)
     * @throws TenantBoundaryException when a tenant attribute is not a string, or not a key the tenant may store
     */
    Map<String, AttributeValue> toStored(TableKeys t, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = null;
        for (String attribute : t.tenantAttributes()) {
            AttributeValue v = item.get(attribute);
            AttributeValue stored;
            if (v == null || Boolean.TRUE.equals(v.nul())) {
                if (!keys.isExact() || !attribute.equals(t.partitionKey())) {
                    continue;
                }
                stored = AttributeValue.fromS(keys.value());
            } else if (v.s() == null) {
                throw new TenantBoundaryException("Attribute '" + attribute + "' of table '" + t.table()
                        + "' carries the tenant and must be a string");
            } else {
                stored = AttributeValue.fromS(keys.toStored(attribute, v.s()));
            }
            out = out == null ? new HashMap<>(item) : out;
            out.put(attribute, stored);
        }
        return out == null ? item : out;
    }

    /**
     * An item or key in the application's form.
     *
     * @param t the table
     * @param item the item or key as DynamoDB returned it
     * @return the application's form: the same map when nothing changes, else an unmodifiable view of it
     * @throws TenantBoundaryException when a stored key is outside the tenant or the partition key is not a string
     */
    Map<String, AttributeValue> toApplication(TableKeys t, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = item;
        for (String attribute : t.tenantAttributes()) {
            AttributeValue v = item.get(attribute);
            if (v != null && v.s() != null) {
                // a view, not a copy: every caller hands the result to an SDK builder, which copies it
                out = new AttributeOverlay(out, attribute, AttributeValue.fromS(keys.toApplication(attribute, v.s())));
            } else if (v != null && attribute.equals(t.partitionKey())) {
                throw new TenantBoundaryException("DynamoDB returned an item of table '" + t.table()
                        + "' whose partition" + " key is not a string; it was not returned");
            }
        }
        return out;
    }

    /**
     * An item in the application's form, or nothing when it is not the tenant's (for an item an error carries).
     *
     * @param t the table
     * @param item the item as DynamoDB returned it
     * @return the application's form, or null
     */
    @Nullable
    Map<String, AttributeValue> ownOrNothing(TableKeys t, Map<String, AttributeValue> item) {
        try {
            return toApplication(t, item);
        } catch (TenantBoundaryException outside) {
            return null;
        }
    }

    /**
     * A batch write request with its put item or delete key rewritten.
     *
     * @param w the write request
     * @param rewrite the rewriting of the item or key
     * @return the rewritten write request
     * @throws TenantBoundaryException when it has neither a put nor a delete
     */
    static WriteRequest rewrite(WriteRequest w, UnaryOperator<Map<String, AttributeValue>> rewrite) {
        if (w.putRequest() != null) {
            return w.toBuilder()
                    .putRequest(w.putRequest().toBuilder()
                            .item(rewrite.apply(w.putRequest().item()))
                            .build())
                    .build();
        }
        if (w.deleteRequest() != null) {
            return w.toBuilder()
                    .deleteRequest(w.deleteRequest().toBuilder()
                            .key(rewrite.apply(w.deleteRequest().key()))
                            .build())
                    .build();
        }
        throw Refusals.noAction("batch write request without a put or delete");
    }
}
