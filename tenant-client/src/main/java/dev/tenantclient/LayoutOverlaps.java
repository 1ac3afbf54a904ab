/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for layouts deployed together: layouts that {@linkplain TenantLayout#overlaps(TenantLayout) overlap}
 * must never share a table or a bucket. IAM evaluates each layout's statement on its own, so on one role and
 * bucket {@code org()} ({@code <org>/}) and {@code user()} ({@code <sub>/}) let an org named like a user's
 * {@code sub} list, read and delete that user's folder. Everything that builds or checks a deployment of several
 * layouts (the local stack, the doctor) asks here, so they refuse the same pairs with the same words.
 */
public final class LayoutOverlaps {

    /** What to do instead, for every message about an overlapping pair. */
    public static final String FIX = "Deploy them on separate tables and buckets (a separate role or local stack for"
            + " each), or use custom layouts with distinct literal prefixes, such as"
            + " partitionKeyPrefix(\"o#{org}#\") with objectKeyPrefix(\"o/{org}/\") and"
            + " partitionKeyEquals(\"u#{username}\") with objectKeyPrefix(\"u/{username}/\")"
            + " (TenantLayout.overlaps tells whether two layouts may share a table or bucket).";

    private LayoutOverlaps() {}

    /**
     * The first pair of the layouts that overlaps, described.
     *
     * @param layouts the layouts deployed together
     * @return why they must not share a table or bucket, without {@link #FIX}; null when no pair overlaps
     */
    public static @Nullable String firstOverlap(List<TenantLayout> layouts) {
        Objects.requireNonNull(layouts, "layouts");
        for (int i = 0; i < layouts.size(); i++) {
            for (int j = i + 1; j < layouts.size(); j++) {
                TenantLayout a = layouts.get(i);
                TenantLayout b = layouts.get(j);
                if (a.overlaps(b)) {
                    return "Layouts " + name(a) + " and " + name(b) + " overlap: a tenant of one can address keys of"
                            + " a tenant of the other (" + example(a, b) + "), and IAM allows each layout's"
                            + " statement on its own, so one table or bucket cannot keep them apart.";
                }
            }
        }
        return null;
    }

    /**
     * Refuses layouts of which any two overlap.
     *
     * @param layouts the layouts deployed together
     * @throws IllegalArgumentException naming the first overlapping pair and the fix
     */
    public static void requireDisjoint(List<TenantLayout> layouts) {
        String overlap = firstOverlap(layouts);
        if (overlap != null) {
            throw new IllegalArgumentException(overlap + " " + FIX);
        }
    }

    /**
     * A layout as a reader recognises it: {@code TenantLayout.org()}, {@code TenantLayout.user()}, or its templates.
     *
     * @param layout the layout
     * @return its name
     */
    public static String name(TenantLayout layout) {
        String templates = "(partition key " + layout.partitionKeyTemplate()
                + (layout.isPartitionKeyExact() ? "" : "<id>") + ", object keys " + layout.objectKeyPrefixTemplate()
                + "<key>)";
        if (layout.equals(TenantLayout.org())) {
            return "TenantLayout.org() " + templates;
        }
        if (layout.equals(TenantLayout.user())) {
            return "TenantLayout.user() " + templates;
        }
        return "custom layout " + templates;
    }

    private static String example(TenantLayout a, TenantLayout b) {
        boolean builtIns = (a.equals(TenantLayout.org()) && b.equals(TenantLayout.user()))
                || (a.equals(TenantLayout.user()) && b.equals(TenantLayout.org()));
        return builtIns
                ? "an org named like a user's sub reaches that user's folder, and the reverse"
                : "both can render the same partition key or folder";
    }
}
