/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code tenantClient} health: DOWN while the recent Cognito exchanges fail and leave callers without credentials
 * (throttling, 5xx, timeouts), UP otherwise (also while cached credentials are served through a failing refresh).
 * Details: cache size, exchanges and failures so far, recent failures in a row, throttling, the last failure's
 * cause and time. No network call: health checks do not spend Cognito's quota. Not part of the readiness group
 * unless configured ({@code management.endpoint.health.group.readiness.include}), since one tenant's refused
 * exchanges should not take the instance out of the load balancer. This is the Spring Boot 3.5 indicator
 * ({@code org.springframework.boot.actuate.health}); {@link TenantClientHealthIndicator} is the same for Spring Boot 4.
 */
public final class TenantClientBoot3HealthIndicator implements HealthIndicator {

    private final ObjectProvider<TenantClient> client;
    private final TenantClientHealthTracker tracker;

    /**
     * Creates the indicator.
     *
     * @param client the client (for its cache statistics), looked up when health is asked
     * @param tracker the exchange tracker attached to the client
     */
    public TenantClientBoot3HealthIndicator(ObjectProvider<TenantClient> client, TenantClientHealthTracker tracker) {
        this.client = client;
        this.tracker = tracker;
    }

    @Override
    public Health health() {
        TenantClientHealthDetails h = TenantClientHealthDetails.of(client, tracker);
        return (h.up() ? Health.up() : Health.down()).withDetails(h.details()).build();
    }
}
