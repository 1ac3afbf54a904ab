/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.policy;

import dev.tenantclient.internal.Printable;
import dev.tenantclient.internal.s3.ObjectKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The tables and buckets a permission policy covers, as ARNs. Tables are named with their tenant-keyed global
 * indexes (a query on an index is authorized against the index ARN); names or full ARNs are accepted. Immutable.
 */
public final class PolicyResources {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}|\\*");

    private final String partition;
    private final List<String> tableArns;
    private final List<String> buckets;

    private PolicyResources(Builder b) {
        this.partition = b.partition;
        this.tableArns = List.copyOf(b.tableArns);
        this.buckets = List.copyOf(b.buckets);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the table and index ARNs, in the order given */
    public List<String> tableArns() {
        return tableArns;
    }

    /** @return the bucket names, in the order given */
    public List<String> buckets() {
        return buckets;
    }

    String bucketArn(String bucket) {
        return "arn:" + partition + ":s3:::" + bucket;
    }

    @Override
    public String toString() {
        return "PolicyResources{tables=" + tableArns + ", buckets=" + buckets + "}";
    }

    /** Builds {@link PolicyResources}. */
    public static final class Builder {
        private String partition = "aws";
        private String region = "*";
        private String account = "*";
        private final List<String> tableArns = new ArrayList<>();
        private final List<String> buckets = new ArrayList<>();

        private Builder() {}

        /**
         * The ARN partition. Default {@code aws}.
         *
         * @param partition such as {@code aws-cn}
         * @return this builder
         */
        public Builder partition(String partition) {
            this.partition = Objects.requireNonNull(partition, "partition");
            return this;
        }

        /**
         * The region in table ARNs named after this call. Default {@code *}.
         *
         * @param region such as {@code eu-west-1}
         * @return this builder
         */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * The account in table ARNs named after this call. Default {@code *}.
         *
         * @param account a 12-digit account id
         * @return this builder
         */
        public Builder account(String account) {
            this.account = Objects.requireNonNull(account, "account");
            return this;
        }

        /**
         * A table by name, with the global indexes whose partition key carries the tenant.
         *
         * @param name the table name ({@code *} for every table in the region and account)
         * @param tenantKeyedIndexes index names ({@code *} for every index)
         * @return this builder
         */
        public Builder table(String name, String... tenantKeyedIndexes) {
            if (name == null || !TABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a DynamoDB table name: " + Printable.of(name));
            }
            String arn = "arn:" + partition + ":dynamodb:" + region + ":" + account + ":table/" + name;
            tableArns.add(arn);
            for (String index : tenantKeyedIndexes) {
                if (index == null || !TABLE_NAME.matcher(index).matches()) {
                    throw new IllegalArgumentException("not a DynamoDB index name: " + Printable.of(index));
                }
                tableArns.add(arn + "/index/" + index);
            }
            return this;
        }

        /**
         * A table or index by ARN.
         *
         * @param arn such as {@code arn:aws:dynamodb:eu-west-1:123456789012:table/notes}
         * @return this builder
         */
        public Builder tableArn(String arn) {
            if (arn == null || !arn.startsWith("arn:") || !arn.contains(":dynamodb:") || !arn.contains(":table/")) {
                throw new IllegalArgumentException("not a DynamoDB table ARN: " + Printable.of(arn));
            }
            tableArns.add(arn);
            return this;
        }

        /**
         * A bucket by name.
         *
         * @param name the bucket name
         * @return this builder
         */
        public Builder bucket(String name) {
            if (name == null || !ObjectKeys.BUCKET_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not an S3 bucket name: " + Printable.of(name));
            }
            buckets.add(name);
            return this;
        }

        /** @return the resources */
        public PolicyResources build() {
            return new PolicyResources(this);
        }
    }
}
