/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.TenantBoundaryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The tables opened through one {@code TenantClient}, by name, with the attributes that carry the tenant as every
 * schema opened for the table declares them. Shared by all sessions of the client, so which schema a session opens
 * first never decides how an attribute is stored. Thread-safe.
 */
public final class TableRegistry {

    private final Map<String, TableKeys> tables = new ConcurrentHashMap<>();

    /** Creates an empty registry. */
    public TableRegistry() {}

    /**
     * Registers a schema of a table: the table's keys become the union of every schema registered for it.
     *
     * @param table the table name
     * @param schema the schema
     * @return the table's keys after this registration
     * @throws TenantBoundaryException when the schema conflicts with one registered before (see
     *     {@link TableKeys#merge(TableKeys)}); the registry is then unchanged
     */
    public TableKeys register(String table, TableSchema<?> schema) {
        TableKeys read = TableKeys.of(table, schema);
        return tables.merge(table, read, TableKeys::merge);
    }

    /**
     * The keys of a registered table.
     *
     * @param table the table name
     * @return its keys, or null when no schema was registered for it
     */
    public @Nullable TableKeys keys(String table) {
        return tables.get(table);
    }

    @Override
    public String toString() {
        return tables.keySet().toString();
    }
}
