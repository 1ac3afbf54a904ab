/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.s3;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantLayout;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's object-key rule, shared by {@code TenantBucket} and the S3 guard: application keys become
 * {@code <folder><key>} (such as {@code acme/reports/q1.pdf}), listed keys lose the folder again, and every key a
 * request carries must start with the folder — the same rule as the IAM resource {@code bucket/<folder>*}.
 */
public final class ObjectKeys {

    /** S3's rule for a bucket name (general purpose buckets), used by sessions and the policy generator alike. */
    public static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** S3's limit for an object key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;

    private final String folder;
    private final int folderBytes;

    /**
     * The rule for a tenant under a layout.
     *
     * @param layout the layout
     * @param tenant the tenant
     */
    public ObjectKeys(TenantLayout layout, Tenant tenant) {
        this.folder = layout.objectKeyPrefix(tenant);
        this.folderBytes = folder.getBytes(StandardCharsets.UTF_8).length;
    }

    /** @return the tenant's folder, such as {@code acme/} */
    public String folder() {
        return folder;
    }

    /**
     * The stored key for an application key.
     *
     * @param key the application's key, relative to the tenant's folder
     * @return the full key
     * @throws TenantBoundaryException when the key is empty, absolute, has dot segments, an empty segment,
     *     backslashes, control characters or unpaired surrogates, or is too long once prefixed
     */
    public String toStored(String key) {
        check(key, false);
        return folder + key;
    }

    /**
     * The stored prefix for a listing prefix; empty means the whole folder.
     *
     * @param prefix the application's prefix, relative to the tenant's folder, or null
     * @return the full prefix
     */
    public String toStoredPrefix(@Nullable String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return folder;
        }
        check(prefix, true);
        return folder + prefix;
    }

    /**
     * The application key for a stored key.
     *
     * @param stored a key S3 returned
     * @return the key relative to the tenant's folder
     * @throws TenantBoundaryException when the key is outside the folder
     */
    public String toApplication(String stored) {
        if (!owns(stored)) {
            throw new TenantBoundaryException(
                    "S3 returned a key outside the caller's tenant folder; it was not returned");
        }
        return stored.substring(folder.length());
    }

    /**
     * The IAM predicate: the key is under the tenant's folder.
     *
     * @param stored a full key or prefix
     * @return whether IAM would let this tenant touch it
     */
    public boolean owns(String stored) {
        return stored != null && stored.startsWith(folder);
    }

    private void check(String key, boolean prefix) {
        String what = prefix ? "Prefix" : "Object key";
        if (key == null) {
            throw new TenantBoundaryException(what + " is null");
        }
        if (key.isEmpty()) {
            throw new TenantBoundaryException(what + " is empty");
        }
        if (key.charAt(0) == '/') {
            throw new TenantBoundaryException(what + " starts with '/'; keys are relative to the tenant's folder");
        }
        int bytes = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c)) {
                throw new TenantBoundaryException(what + " contains a control character at index " + i);
            }
            if (c == '\\') {
                throw new TenantBoundaryException(what + " contains a backslash at index " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new TenantBoundaryException(what + " contains an unpaired surrogate at index " + i);
            } else {
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..")) {
                throw new TenantBoundaryException(what + " contains a '" + segment + "' segment");
            }
            if (segment.isEmpty() && !last) {
                throw new TenantBoundaryException(what + " contains an empty segment ('//')");
            }
        }
        if (folderBytes + bytes > MAX_KEY_BYTES) {
            throw new TenantBoundaryException(
                    what + " is too long: with the tenant folder it exceeds S3's " + MAX_KEY_BYTES + "-byte limit");
        }
    }

    @Override
    public String toString() {
        return "ObjectKeys{folder=" + folder + "}";
    }
}
