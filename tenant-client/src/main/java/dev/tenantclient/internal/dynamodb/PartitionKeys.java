/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantLayout;
import java.nio.charset.StandardCharsets;

/**
 * One tenant's partition-key rule, shared by the key rewriting and the guard: how an application id becomes a
 * stored key ({@code n-1} to {@code acme#n-1}, or the subject itself in an exact layout), how a stored key becomes
 * an application id again, and the predicate IAM's {@code dynamodb:LeadingKeys} condition expresses.
 */
public final class PartitionKeys {

    /** DynamoDB's limit for a partition key value, in UTF-8 bytes. */
    public static final int MAX_PARTITION_KEY_BYTES = 2048;

    private final String value;
    private final boolean exact;
    private final char separator;
    private final int valueBytes;

    /**
     * The rule for a tenant under a layout.
     *
     * @param layout the layout
     * @param tenant the tenant
     */
    public PartitionKeys(TenantLayout layout, Tenant tenant) {
        this.value = layout.partitionKeyPrefix(tenant);
        this.exact = layout.isPartitionKeyExact();
        this.separator = exact ? 0 : value.charAt(value.length() - 1);
        this.valueBytes = value.getBytes(StandardCharsets.UTF_8).length;
    }

    /** @return the prefix ({@code acme#}) or, in an exact layout, the whole key */
    public String value() {
        return value;
    }

    /** @return whether the partition key must equal {@link #value()} rather than start with it */
    public boolean isExact() {
        return exact;
    }

    /**
     * The stored key for an application id.
     *
     * @param attribute the attribute, for messages
     * @param id the application's id; in an exact layout null means "this tenant's key"
     * @return the stored key
     * @throws TenantBoundaryException when the id is unusable or names another tenant's key
     */
    public String toStored(String attribute, String id) {
        if (exact) {
            if (id == null || id.equals(value)) {
                return value;
            }
            throw new TenantBoundaryException("Partition key '" + attribute + "' must be the caller's own key in this"
                    + " layout (it equals the user's tag); a different value was given");
        }
        if (id == null) {
            throw new TenantBoundaryException("Partition key '" + attribute + "' is null");
        }
        if (id.isEmpty()) {
            throw new TenantBoundaryException("Partition key '" + attribute + "' is empty");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == separator) {
                throw new TenantBoundaryException("Partition key '" + attribute + "' contains '" + separator
                        + "', the tenant separator; application ids must not carry a tenant prefix");
            }
            if (Character.isISOControl(c)) {
                throw new TenantBoundaryException(
                        "Partition key '" + attribute + "' contains a control character at" + " index " + i);
            }
        }
        if (valueBytes + utf8Length(id) > MAX_PARTITION_KEY_BYTES) {
            throw new TenantBoundaryException("Partition key '" + attribute + "' is too long: with the tenant prefix it"
                    + " exceeds DynamoDB's " + MAX_PARTITION_KEY_BYTES + "-byte limit");
        }
        return value + id;
    }

    /**
     * The application id for a stored key.
     *
     * @param attribute the attribute, for messages
     * @param stored the stored key
     * @return the application id
     * @throws TenantBoundaryException when the key is outside the tenant
     */
    public String toApplication(String attribute, String stored) {
        if (!owns(stored)) {
            throw new TenantBoundaryException("DynamoDB returned an item whose '" + attribute + "' is outside the"
                    + " caller's tenant; it was not returned");
        }
        return exact ? stored : stored.substring(value.length());
    }

    /**
     * The IAM predicate: {@code StringLike "<prefix>*"}, or {@code StringEquals "<value>"} in an exact layout.
     *
     * @param stored a leading key value
     * @return whether IAM would let this tenant touch it
     */
    public boolean owns(String stored) {
        return stored != null && (exact ? stored.equals(value) : stored.startsWith(value));
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return exact ? "PartitionKeys{equals=" + value + "}" : "PartitionKeys{prefix=" + value + "}";
    }
}
