/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.TenantBoundaryException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.IndexMetadata;
import software.amazon.awssdk.enhanced.dynamodb.KeyAttributeMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * Which attributes of a table carry the tenant: the table's partition key and the partition key of every global
 * secondary index (DynamoDB's {@code LeadingKeys} for a query on an index are that index's partition key values).
 * All of them must be strings.
 *
 * @param table the table name
 * @param partitionKey the table's partition key attribute
 * @param indexPartitionKeys index name to its partition key attribute (GSIs; LSIs share the table's)
 * @param localIndexes local secondary index names (their partition key is the table's)
 * @param tenantAttributes every attribute that carries the tenant
 */
public record TableKeys(
        String table,
        String partitionKey,
        Map<String, String> indexPartitionKeys,
        Set<String> localIndexes,
        Set<String> tenantAttributes) {

    /** Copies the collections. */
    public TableKeys {
        indexPartitionKeys = Map.copyOf(indexPartitionKeys);
        localIndexes = Set.copyOf(localIndexes);
        tenantAttributes = Set.copyOf(tenantAttributes);
    }

    /**
     * Reads the keys from a schema.
     *
     * @param table the table name
     * @param schema the schema
     * @return the keys
     * @throws TenantBoundaryException when a partition key is not a single string attribute
     */
    public static TableKeys of(String table, TableSchema<?> schema) {
        TableMetadata metadata = schema.tableMetadata();
        String primaryIndex = TableMetadata.primaryIndexName();
        String partitionKey = null;
        Map<String, String> indexes = new HashMap<>();
        Set<String> attributes = new LinkedHashSet<>();
        Set<String> locals = new LinkedHashSet<>();
        for (IndexMetadata index : metadata.indices()) {
            if (index.partitionKeys().size() > 1) {
                throw new TenantBoundaryException("Index '" + index.name() + "' of table '" + table + "' has a"
                        + " multi-attribute partition key; IAM's LeadingKeys condition cannot confine it");
            }
            Optional<KeyAttributeMetadata> key = index.partitionKeys().stream().findFirst();
            if (key.isEmpty()) {
                locals.add(index.name()); // a local secondary index: the table's partition key
                continue;
            }
            if (key.get().attributeValueType() != AttributeValueType.S) {
                throw new TenantBoundaryException("Partition key '" + key.get().name() + "' of table '" + table
                        + (index.name().equals(primaryIndex) ? "" : "', index '" + index.name())
                        + "' is not a string; a tenant prefix needs a string key");
            }
            attributes.add(key.get().name());
            if (index.name().equals(primaryIndex)) {
                partitionKey = key.get().name();
            } else {
                indexes.put(index.name(), key.get().name());
            }
        }
        if (partitionKey == null) {
            throw new TenantBoundaryException("The schema of table '" + table + "' has no partition key");
        }
        return new TableKeys(table, partitionKey, indexes, locals, attributes);
    }

    /**
     * The partition key attribute of the table or one of its indexes.
     *
     * @param index an index name, or null for the table
     * @return the attribute, or empty for an unknown or local index
     */
    public Optional<String> partitionKeyOf(String index) {
        if (index == null || localIndexes.contains(index)) {
            return Optional.of(partitionKey);
        }
        return Optional.ofNullable(indexPartitionKeys.get(index));
    }
}
