/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** Micrometer meters for tenant-client, when Micrometer is on the classpath. */
@AutoConfiguration(before = TenantClientAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnProperty(name = "tenant-client.enabled", havingValue = "true", matchIfMissing = true)
public class TenantClientMetricsAutoConfiguration {

    /**
     * The meters; also the credentials listener the client reports exchanges to.
     *
     * @param client the client, looked up lazily
     * @return the meters' binder
     */
    @Bean
    @ConditionalOnMissingBean
    public TenantClientMetrics tenantClientMetrics(ObjectProvider<TenantClient> client) {
        return new TenantClientMetrics(client);
    }
}
