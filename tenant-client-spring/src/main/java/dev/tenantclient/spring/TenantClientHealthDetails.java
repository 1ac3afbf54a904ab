/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;
import dev.tenantclient.credentials.CredentialsStats;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

/**
 * What both health indicators report (Spring Boot 4's {@link TenantClientHealthIndicator} and Spring Boot 3.5's
 * {@link TenantClientBoot3HealthIndicator}), so that the two cannot drift apart.
 *
 * @param up whether the status is UP (DOWN otherwise)
 * @param details the details, in a stable order
 */
record TenantClientHealthDetails(boolean up, Map<String, Object> details) {

    /**
     * Reads the tracker and, when there is one, the client's cache statistics. No network call.
     *
     * @param client the client, looked up now
     * @param tracker the exchange tracker
     * @return the status and details
     */
    static TenantClientHealthDetails of(ObjectProvider<TenantClient> client, TenantClientHealthTracker tracker) {
        TenantClientHealthTracker.Snapshot s = tracker.snapshot();
        Map<String, Object> details = new LinkedHashMap<>();
        TenantClient c = client.getIfAvailable();
        if (c != null) {
            CredentialsStats stats = c.credentialsCache().stats();
            details.put("cacheSize", c.credentialsCache().estimatedSize());
            details.put("exchanges", stats.exchanges());
            details.put("failures", stats.failures());
        }
        details.put("recentFailures", s.recentFailures());
        details.put("throttled", s.throttled());
        if (s.lastFailureCause() != null) {
            details.put("lastFailure", s.lastFailureCause());
            details.put("lastFailureAt", s.lastFailureAt());
        }
        if (s.lastSuccessAt() != null) {
            details.put("lastSuccessAt", s.lastSuccessAt());
        }
        return new TenantClientHealthDetails(!s.failing(), details);
    }
}
