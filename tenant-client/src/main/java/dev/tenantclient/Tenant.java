/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import java.util.Map;
import java.util.Objects;

/**
 * Who a token belongs to, as IAM will see it: the tenant's organisation, the user, and the principal tags the
 * Cognito identity pool puts on the session. Immutable.
 *
 * @param org the organisation this token belongs to: the value of the layout's {@code org} tag; for a layout
 *     without one (such as {@link TenantLayout#user()}) the subject, since each user is then their own tenant
 * @param subject the user pool's {@code sub} claim, stable for the user
 * @param tags the principal tags the identity pool maps from the token's claims, tag name to value, in the
 *     layout's order; every value has passed {@link TenantLayout}'s tenant-value rules
 */
public record Tenant(String org, String subject, Map<String, String> tags) {

    /**
     * Validates and copies.
     *
     * @param org the organization (tenant) id
     * @param subject the user's {@code sub}
     * @param tags principal tag name to value
     * @throws NullPointerException if an argument is null
     */
    public Tenant {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(subject, "subject");
        // One tag (the common case) fits a compact immutable map; more keep their declaration order.
        tags = tags.size() == 1
                ? Map.copyOf(tags)
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    /**
     * The value of one principal tag.
     *
     * @param tagName a tag the layout declares, such as {@code org}
     * @return its value
     * @throws IllegalArgumentException if the layout has no such tag
     */
    public String tag(String tagName) {
        String value = tags.get(tagName);
        if (value == null) {
            throw new IllegalArgumentException("No principal tag '" + tagName + "'; tags are " + tags.keySet());
        }
        return value;
    }
}
