/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Partition key attribute names of tables and their indexes, read from DynamoDB with {@code DescribeTable} and
 * cached until {@link #clear()} (the gateway clears it when a table is created, updated or deleted).
 */
public final class TableKeys implements BiFunction<String, String, Optional<String>> {

    private final DynamoDbClient admin;
    private final Map<String, Optional<TableDescription>> tables = new ConcurrentHashMap<>();

    /**
     * @param admin a client allowed to describe every table
     */
    public TableKeys(DynamoDbClient admin) {
        this.admin = admin;
    }

    /**
     * The partition key attribute of a table or one of its indexes.
     *
     * @param table the table name
     * @param index the index name, or null for the table itself
     * @return the attribute name, empty when the table or index does not exist
     */
    @Override
    public Optional<String> apply(String table, String index) {
        if (table == null) {
            return Optional.empty();
        }
        Optional<TableDescription> description = tables.computeIfAbsent(table, t -> {
            try {
                return Optional.of(admin.describeTable(r -> r.tableName(t)).table());
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
        if (description.isEmpty()) {
            tables.remove(table); // it may be created later
            return Optional.empty();
        }
        List<KeySchemaElement> schema = index == null ? description.get().keySchema() : null;
        if (index != null) {
            for (GlobalSecondaryIndexDescription gsi : description.get().globalSecondaryIndexes()) {
                if (gsi.indexName().equals(index)) {
                    schema = gsi.keySchema();
                }
            }
            for (LocalSecondaryIndexDescription lsi : description.get().localSecondaryIndexes()) {
                if (lsi.indexName().equals(index)) {
                    schema = lsi.keySchema();
                }
            }
        }
        if (schema == null) {
            return Optional.empty();
        }
        return schema.stream()
                .filter(k -> k.keyType() == KeyType.HASH)
                .map(KeySchemaElement::attributeName)
                .findFirst();
    }

    /** Forgets every cached key schema. */
    public void clear() {
        tables.clear();
    }
}
