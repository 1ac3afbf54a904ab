/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import dev.tenantclient.internal.Printable;
import java.util.List;

/**
 * One delimited listing of a tenant's folder: the objects directly under a prefix and the "folders" below it.
 *
 * @param objects the objects, keys relative to the tenant's folder
 * @param commonPrefixes the sub-folders, relative to the tenant's folder, each ending in the delimiter
 */
public record TenantListing(List<TenantObject> objects, List<String> commonPrefixes) {

    /**
     * Copies the lists.
     *
     * @param objects the objects, keys relative to the tenant's folder
     * @param commonPrefixes the "folders" under the delimiter, relative to the tenant's folder
     */
    public TenantListing {
        objects = List.copyOf(objects);
        commonPrefixes = List.copyOf(commonPrefixes);
    }

    /** @return the listing, keys and folders with invisible characters escaped */
    @Override
    public String toString() {
        return "TenantListing[objects=" + objects + ", commonPrefixes="
                + commonPrefixes.stream().map(Printable::of).toList() + "]";
    }
}
