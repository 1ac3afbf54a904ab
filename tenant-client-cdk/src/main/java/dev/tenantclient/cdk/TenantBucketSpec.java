/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.cdk;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * A bucket the tenants reach through {@code TenantBucket}: either one {@link TenantIsolation} creates (public access
 * blocked, encrypted, TLS only, versioned) or an existing one it only grants on. Immutable.
 *
 * <pre>{@code
 * TenantBucketSpec files = TenantBucketSpec.builder().bucketName("acme-tenant-files").build();
 * TenantBucketSpec existing = TenantBucketSpec.existing(Bucket.fromBucketName(stack, "Files", "acme-files"));
 * }</pre>
 */
public final class TenantBucketSpec {

    private final @Nullable IBucket existing;
    private final @Nullable String bucketName;
    private final boolean versioned;
    private final RemovalPolicy removalPolicy;

    private TenantBucketSpec(
            @Nullable IBucket existing, @Nullable String bucketName, boolean versioned, RemovalPolicy removalPolicy) {
        this.existing = existing;
        this.bucketName = bucketName;
        this.versioned = versioned;
        this.removalPolicy = removalPolicy;
    }

    /** @return a builder for a bucket the construct creates */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An existing bucket: the construct creates nothing and changes none of its settings; it grants tenants their
     * folders in it.
     *
     * @param bucket the bucket (for example {@code Bucket.fromBucketName(scope, id, "acme-files")})
     * @return the spec
     */
    public static TenantBucketSpec existing(IBucket bucket) {
        return new TenantBucketSpec(Objects.requireNonNull(bucket, "bucket"), null, false, RemovalPolicy.RETAIN);
    }

    @Nullable
    IBucket existingBucket() {
        return existing;
    }

    @Nullable
    String bucketName() {
        return bucketName;
    }

    boolean versioned() {
        return versioned;
    }

    RemovalPolicy removalPolicy() {
        return removalPolicy;
    }

    @Override
    public String toString() {
        return existing != null
                ? "TenantBucketSpec{existing " + existing.getNode().getPath() + "}"
                : "TenantBucketSpec{" + (bucketName == null ? "(generated name)" : bucketName) + "}";
    }

    /** Builds a {@link TenantBucketSpec} for a bucket the construct creates. */
    public static final class Builder {
        private @Nullable String bucketName;
        private boolean versioned = true;
        private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

        private Builder() {}

        /**
         * The bucket's physical name. Default: one CloudFormation generates (read it from
         * {@link TenantIsolation#bucket()}).
         *
         * @param bucketName a valid S3 bucket name
         * @return this builder
         */
        public Builder bucketName(String bucketName) {
            if (bucketName == null || !bucketName.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("not an S3 bucket name: " + bucketName);
            }
            this.bucketName = bucketName;
            return this;
        }

        /**
         * Whether the bucket keeps object versions (so a tenant's overwrite or delete can be undone). Default true.
         *
         * @param versioned whether to version objects
         * @return this builder
         */
        public Builder versioned(boolean versioned) {
            this.versioned = versioned;
            return this;
        }

        /**
         * What happens to the bucket when it leaves the stack. Default {@link RemovalPolicy#RETAIN}.
         *
         * @param policy the removal policy
         * @return this builder
         */
        public Builder removalPolicy(RemovalPolicy policy) {
            this.removalPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** @return the spec */
        public TenantBucketSpec build() {
            return new TenantBucketSpec(null, bucketName, versioned, removalPolicy);
        }
    }
}
