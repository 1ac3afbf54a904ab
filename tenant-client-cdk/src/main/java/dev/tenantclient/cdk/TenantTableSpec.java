/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.ITable;

/**
 * A table the tenants reach through {@code TenantTable}: either one {@link TenantIsolation} creates (partition key and
 * tenant-keyed global indexes declared here) or an existing one it only grants on. Immutable.
 *
 * <pre>{@code
 * TenantTableSpec notes = TenantTableSpec.builder()
 *     .tableName("notes")
 *     .partitionKey("pk").sortKey("sk")
 *     .tenantIndex("byAuthor", "authorKey", "createdAt")   // its partition key carries the tenant prefix too
 *     .build();
 * TenantTableSpec existing = TenantTableSpec.existing(Table.fromTableName(stack, "Orders", "orders"), "byCustomer");
 * }</pre>
 *
 * <p>Every key attribute is a string: the layout's prefix ({@code acme#}) makes the partition key text, and for an
 * exact layout ({@code TenantLayout.user()}) the partition key is the user's id itself. Only the indexes declared here
 * are granted to tenants: DynamoDB authorizes a query on an index by the index ARN, and an index whose partition key
 * does not carry the tenant would let a tenant read across tenants.
 */
public final class TenantTableSpec {

    /** A global secondary index whose partition key carries the tenant prefix. */
    record TenantIndex(
            String name, String partitionKey, @Nullable String sortKey) {}

    private final @Nullable ITable existing;
    private final @Nullable String tableName;
    private final @Nullable String partitionKey;
    private final @Nullable String sortKey;
    private final List<TenantIndex> indexes;
    private final RemovalPolicy removalPolicy;

    private TenantTableSpec(
            @Nullable ITable existing,
            @Nullable String tableName,
            @Nullable String partitionKey,
            @Nullable String sortKey,
            List<TenantIndex> indexes,
            RemovalPolicy removalPolicy) {
        this.existing = existing;
        this.tableName = tableName;
        this.partitionKey = partitionKey;
        this.sortKey = sortKey;
        this.indexes = List.copyOf(indexes);
        this.removalPolicy = removalPolicy;
    }

    /** @return a builder for a table the construct creates */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An existing table: the construct creates nothing, it grants tenants the table and these indexes.
     *
     * @param table the table (for example {@code Table.fromTableName(scope, id, "notes")})
     * @param tenantKeyedIndexes its global secondary indexes whose partition key carries the tenant prefix
     * @return the spec
     */
    public static TenantTableSpec existing(ITable table, String... tenantKeyedIndexes) {
        Objects.requireNonNull(table, "table");
        List<TenantIndex> indexes = new ArrayList<>();
        for (String index : tenantKeyedIndexes) {
            indexes.add(new TenantIndex(Builder.checkName(index, "index name"), "", null));
        }
        return new TenantTableSpec(table, null, null, null, indexes, RemovalPolicy.RETAIN);
    }

    @Nullable
    ITable existingTable() {
        return existing;
    }

    @Nullable
    String tableName() {
        return tableName;
    }

    @Nullable
    String partitionKey() {
        return partitionKey;
    }

    @Nullable
    String sortKey() {
        return sortKey;
    }

    List<TenantIndex> indexes() {
        return indexes;
    }

    List<String> indexNames() {
        return indexes.stream().map(TenantIndex::name).toList();
    }

    RemovalPolicy removalPolicy() {
        return removalPolicy;
    }

    @Override
    public String toString() {
        return existing != null
                ? "TenantTableSpec{existing " + existing.getNode().getPath() + ", indexes=" + indexNames() + "}"
                : "TenantTableSpec{" + (tableName == null ? "(generated name)" : tableName) + ", partitionKey="
                        + partitionKey + ", sortKey=" + sortKey + ", indexes=" + indexNames() + "}";
    }

    /** Builds a {@link TenantTableSpec} for a table the construct creates. */
    public static final class Builder {
        private @Nullable String tableName;
        private @Nullable String partitionKey;
        private @Nullable String sortKey;
        private final Map<String, TenantIndex> indexes = new LinkedHashMap<>();
        private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

        private Builder() {}

        /**
         * The table's physical name. Default: one CloudFormation generates (read it from
         * {@link TenantIsolation#table()}).
         *
         * @param tableName such as {@code notes}
         * @return this builder
         */
        public Builder tableName(String tableName) {
            this.tableName = checkName(tableName, "table name");
            return this;
        }

        /**
         * The partition key attribute (a string holding {@code <tenant>#<id>}, or the tenant itself for an exact
         * layout). Required.
         *
         * @param attribute such as {@code pk}
         * @return this builder
         */
        public Builder partitionKey(String attribute) {
            this.partitionKey = checkAttribute(attribute);
            return this;
        }

        /**
         * The sort key attribute (a string). Default: none.
         *
         * @param attribute such as {@code sk}
         * @return this builder
         */
        public Builder sortKey(String attribute) {
            this.sortKey = checkAttribute(attribute);
            return this;
        }

        /**
         * A global secondary index whose partition key carries the tenant prefix (the application declares it as a
         * tenant index, so {@code TenantTable} prefixes it); tenants are granted queries on it.
         *
         * @param name the index name
         * @param partitionKey its partition key attribute (a string)
         * @return this builder
         */
        public Builder tenantIndex(String name, String partitionKey) {
            return addIndex(name, partitionKey, null);
        }

        /**
         * A tenant-keyed global secondary index with a sort key.
         *
         * @param name the index name
         * @param partitionKey its partition key attribute (a string)
         * @param sortKey its sort key attribute (a string)
         * @return this builder
         */
        public Builder tenantIndex(String name, String partitionKey, String sortKey) {
            return addIndex(name, partitionKey, checkAttribute(sortKey));
        }

        private Builder addIndex(String name, String partitionKey, @Nullable String sortKey) {
            String checked = checkName(name, "index name");
            if (indexes.containsKey(checked)) {
                throw new IllegalArgumentException("index " + checked + " was already declared");
            }
            indexes.put(checked, new TenantIndex(checked, checkAttribute(partitionKey), sortKey));
            return this;
        }

        /**
         * What happens to the table when it leaves the stack. Default {@link RemovalPolicy#RETAIN}: tenants' data
         * outlives a stack deletion.
         *
         * @param policy the removal policy
         * @return this builder
         */
        public Builder removalPolicy(RemovalPolicy policy) {
            this.removalPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalStateException without a partition key
         */
        public TenantTableSpec build() {
            if (partitionKey == null) {
                throw new IllegalStateException("TenantTableSpec needs a partitionKey");
            }
            return new TenantTableSpec(
                    null, tableName, partitionKey, sortKey, List.copyOf(indexes.values()), removalPolicy);
        }

        static String checkName(String name, String what) {
            if (name == null || !name.matches("[A-Za-z0-9_.-]{3,255}")) {
                throw new IllegalArgumentException("not a DynamoDB " + what + ": " + name);
            }
            return name;
        }

        private static String checkAttribute(String attribute) {
            if (attribute == null || attribute.isEmpty() || attribute.length() > 255) {
                throw new IllegalArgumentException("a key attribute name has 1 to 255 characters, was " + attribute);
            }
            return attribute;
        }
    }
}
