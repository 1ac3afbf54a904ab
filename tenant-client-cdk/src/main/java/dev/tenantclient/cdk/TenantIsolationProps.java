/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.cdk;

import dev.tenantclient.TenantLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.cognito.IUserPoolClient;

/**
 * What a {@link TenantIsolation} deploys: the layout, and the tables and buckets tenants reach; optionally an existing
 * user pool (and app client) to adopt. Immutable.
 *
 * <pre>{@code
 * TenantIsolationProps props = TenantIsolationProps.builder()
 *     .layout(TenantLayout.org())
 *     .table(TenantTableSpec.builder().tableName("notes").partitionKey("pk").sortKey("sk").build())
 *     .bucket(TenantBucketSpec.builder().build())
 *     .build();
 * }</pre>
 */
public final class TenantIsolationProps {

    private final TenantLayout layout;
    private final List<TenantTableSpec> tables;
    private final List<TenantBucketSpec> buckets;
    private final @Nullable IUserPool userPool;
    private final @Nullable IUserPoolClient userPoolClient;
    private final @Nullable String identityPoolName;

    private TenantIsolationProps(Builder b) {
        this.layout = Objects.requireNonNull(b.layout, "checked in build()");
        this.tables = List.copyOf(b.tables);
        this.buckets = List.copyOf(b.buckets);
        this.userPool = b.userPool;
        this.userPoolClient = b.userPoolClient;
        this.identityPoolName = b.identityPoolName;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the layout */
    public TenantLayout layout() {
        return layout;
    }

    /** @return the tables, in the order given */
    public List<TenantTableSpec> tables() {
        return tables;
    }

    /** @return the buckets, in the order given */
    public List<TenantBucketSpec> buckets() {
        return buckets;
    }

    /** @return the user pool to adopt, or null to create one */
    public @Nullable IUserPool userPool() {
        return userPool;
    }

    /** @return the app client to adopt, or null to create one */
    public @Nullable IUserPoolClient userPoolClient() {
        return userPoolClient;
    }

    /** @return the identity pool's name, or null for CloudFormation's */
    public @Nullable String identityPoolName() {
        return identityPoolName;
    }

    @Override
    public String toString() {
        return "TenantIsolationProps{layout=" + layout + ", tables=" + tables + ", buckets=" + buckets
                + (userPool == null ? "" : ", adopted user pool") + "}";
    }

    /** Builds {@link TenantIsolationProps}. The layout and at least one table or bucket are required. */
    public static final class Builder {
        private @Nullable TenantLayout layout;
        private final List<TenantTableSpec> tables = new ArrayList<>();
        private final List<TenantBucketSpec> buckets = new ArrayList<>();
        private @Nullable IUserPool userPool;
        private @Nullable IUserPoolClient userPoolClient;
        private @Nullable String identityPoolName;

        private Builder() {}

        /**
         * The layout the application's {@code TenantClient} uses: it decides the tenant attribute, the principal-tag
         * map and the policies.
         *
         * @param layout the layout
         * @return this builder
         */
        public Builder layout(TenantLayout layout) {
            if (this.layout != null) {
                throw new IllegalStateException("layout was already set to " + this.layout);
            }
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * A table tenants reach; call once per table.
         *
         * @param table the table to create or adopt
         * @return this builder
         */
        public Builder table(TenantTableSpec table) {
            tables.add(Objects.requireNonNull(table, "table"));
            return this;
        }

        /**
         * A bucket tenants reach; call once per bucket.
         *
         * @param bucket the bucket to create or adopt
         * @return this builder
         */
        public Builder bucket(TenantBucketSpec bucket) {
            buckets.add(Objects.requireNonNull(bucket, "bucket"));
            return this;
        }

        /**
         * An existing user pool to adopt instead of creating one. Its tenant attribute cannot be added by this
         * construct: the pool must already have it, immutable (CloudFormation cannot change a custom attribute of an
         * existing pool). Run {@code TenantDoctor} after deploying to check it.
         *
         * @param userPool the user pool
         * @return this builder
         */
        public Builder userPool(IUserPool userPool) {
            this.userPool = Objects.requireNonNull(userPool, "userPool");
            return this;
        }

        /**
         * An existing app client of the user pool to accept in the identity pool, instead of creating one. It must
         * not list the tenant attribute in its {@code WriteAttributes}.
         *
         * @param client the app client
         * @return this builder
         */
        public Builder userPoolClient(IUserPoolClient client) {
            this.userPoolClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The identity pool's name. Default: one CloudFormation chooses.
         *
         * @param name the name
         * @return this builder
         */
        public Builder identityPoolName(String name) {
            this.identityPoolName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @return the props
         * @throws IllegalStateException without a layout, or without any table and bucket
         */
        public TenantIsolationProps build() {
            if (layout == null) {
                throw new IllegalStateException("TenantIsolationProps needs a layout");
            }
            if (tables.isEmpty() && buckets.isEmpty()) {
                throw new IllegalStateException("TenantIsolationProps needs at least one table or bucket");
            }
            if (userPoolClient != null && userPool == null) {
                throw new IllegalStateException("an adopted userPoolClient needs its userPool");
            }
            return new TenantIsolationProps(this);
        }
    }
}
