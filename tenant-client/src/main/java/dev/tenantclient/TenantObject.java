/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import dev.tenantclient.internal.Printable;
import java.time.Instant;
import java.util.Objects;

/**
 * An object in a tenant's folder, as a listing shows it: its key relative to the folder.
 *
 * @param key the key relative to the tenant's folder, such as {@code reports/q1.pdf}
 * @param size the size in bytes
 * @param lastModified when it was last written
 * @param eTag the entity tag S3 reports
 */
public record TenantObject(String key, long size, Instant lastModified, String eTag) {

    /**
     * Checks the key.
     *
     * @param key the key, relative to the tenant's folder
     * @param size the size in bytes
     * @param lastModified when S3 last modified it
     * @param eTag the entity tag S3 reports
     */
    public TenantObject {
        Objects.requireNonNull(key, "key");
    }

    /** @return the object, its key and entity tag with invisible characters escaped */
    @Override
    public String toString() {
        return "TenantObject[key=" + Printable.of(key) + ", size=" + size + ", lastModified=" + lastModified + ", eTag="
                + Printable.of(eTag) + "]";
    }
}
