/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.TenantBoundaryException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
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
 * @param plainAttributes attributes a schema declares that do not carry the tenant
 */
public record TableKeys(
        String table,
        String partitionKey,
        Map<String, String> indexPartitionKeys,
        Set<String> localIndexes,
        Set<String> tenantAttributes,
        Set<String> plainAttributes) {

    /** Copies the collections. */
    public TableKeys {
        indexPartitionKeys = Map.copyOf(indexPartitionKeys);
        localIndexes = Set.copyOf(localIndexes);
        tenantAttributes = Set.copyOf(tenantAttributes);
        plainAttributes = Set.copyOf(plainAttributes);
    }

    /**
     * Keys without plain attributes.
     *
     * @param table the table name
     * @param partitionKey the table's partition key attribute
     * @param indexPartitionKeys index name to its partition key attribute
     * @param localIndexes local secondary index names
     * @param tenantAttributes every attribute that carries the tenant
     */
    public TableKeys(
            String table,
            String partitionKey,
            Map<String, String> indexPartitionKeys,
            Set<String> localIndexes,
            Set<String> tenantAttributes) {
        this(table, partitionKey, indexPartitionKeys, localIndexes, tenantAttributes, Set.of());
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
        Set<String> plain = new LinkedHashSet<>(attributeNames(schema));
        plain.removeAll(attributes);
        return new TableKeys(table, partitionKey, indexes, locals, attributes, plain);
    }

    private static List<String> attributeNames(TableSchema<?> schema) {
        try {
            return schema.attributeNames();
        } catch (UnsupportedOperationException e) {
            return List.of(); // a schema that cannot list its attributes (a document schema) declares none
        }
    }

    /**
     * These keys and another schema's for the same table, as one: every attribute either schema says carries the
     * tenant carries it. Two schemas conflict when they name different partition keys for the table or an index,
     * or when one declares as a plain attribute what the other says carries the tenant: items written through the
     * first would store that attribute without the tenant prefix.
     *
     * @param other the keys read from another schema of this table
     * @return the union
     * @throws TenantBoundaryException when the schemas conflict
     */
    public TableKeys merge(TableKeys other) {
        if (!partitionKey.equals(other.partitionKey)) {
            throw conflict(
                    "partition key '" + other.partitionKey + "' where another schema names '" + partitionKey + "'");
        }
        Map<String, String> indexes = new HashMap<>(indexPartitionKeys);
        other.indexPartitionKeys.forEach((index, attribute) -> {
            String known = indexes.putIfAbsent(index, attribute);
            if (known != null && !known.equals(attribute)) {
                throw conflict("index '" + index + "' keyed by '" + attribute + "' where another schema names '" + known
                        + "'");
            }
        });
        for (String attribute : other.plainAttributes) {
            if (tenantAttributes.contains(attribute)) {
                throw conflict("'" + attribute + "' as a plain attribute, but another schema of the table makes it"
                        + " an index partition key that carries the tenant");
            }
        }
        for (String attribute : other.tenantAttributes) {
            if (plainAttributes.contains(attribute)) {
                throw conflict("'" + attribute + "' as an index partition key that carries the tenant, but another"
                        + " schema of the table declares it as a plain attribute, written without the prefix");
            }
        }
        Set<String> locals = new LinkedHashSet<>(localIndexes);
        locals.addAll(other.localIndexes);
        Set<String> tenant = new LinkedHashSet<>(tenantAttributes);
        tenant.addAll(other.tenantAttributes);
        Set<String> plain = new LinkedHashSet<>(plainAttributes);
        plain.addAll(other.plainAttributes);
        return new TableKeys(table, partitionKey, indexes, locals, tenant, plain);
    }

    private TenantBoundaryException conflict(String what) {
        return new TenantBoundaryException("A schema of table '" + table + "' declares " + what + "; every schema"
                + " used with one table must agree on the attributes that carry the tenant (declare the index on"
                + " each, or leave the attribute out of the schema that does not use it)");
    }

    /**
     * The partition key attribute of the table or one of its indexes.
     *
     * @param index an index name, or null for the table
     * @return the attribute, or empty for an unknown or local index
     */
    public Optional<String> partitionKeyOf(@Nullable String index) {
        if (index == null || localIndexes.contains(index)) {
            return Optional.of(partitionKey);
        }
        return Optional.ofNullable(indexPartitionKeys.get(index));
    }
}
