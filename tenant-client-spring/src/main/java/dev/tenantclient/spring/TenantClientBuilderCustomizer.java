/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;

/**
 * Adjusts the {@link TenantClient.Builder} the auto-configuration hands out, before the {@code tenant-client.*}
 * properties are applied. The auto-configuration contributes the credentials listeners (metrics, health) and, when
 * the application has a {@code JwtDecoder}, a token verifier that uses it. Applied in {@code @Order}.
 */
@FunctionalInterface
public interface TenantClientBuilderCustomizer {

    /**
     * Adjusts the builder.
     *
     * @param builder the builder
     */
    void customize(TenantClient.Builder builder);
}
