/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator support: a {@code tenantClient} health indicator fed by the credentials cache's exchanges, and a
 * {@code tenant-client} info contributor. The health indicator is the Spring Boot 4 one
 * ({@code org.springframework.boot.health}); on Spring Boot 3.5 only the info contributor is registered.
 */
@AutoConfiguration(before = TenantClientAutoConfiguration.class)
@ConditionalOnProperty(name = "tenant-client.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(TenantClientProperties.class)
public class TenantClientActuatorAutoConfiguration {

    /** Health (Spring Boot 4's health module). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnProperty(
            name = "management.health.tenant-client.enabled",
            havingValue = "true",
            matchIfMissing = true)
    static class Health {

        /**
         * Tracks recent exchanges; attached to the client as a credentials listener.
         *
         * @return the tracker
         */
        @Bean
        @ConditionalOnMissingBean
        TenantClientHealthTracker tenantClientHealthTracker() {
            return new TenantClientHealthTracker(Clock.systemUTC(), Duration.ofMinutes(5));
        }

        /**
         * The {@code tenantClient} health indicator.
         *
         * @param client the client
         * @param tracker the tracker
         * @return the indicator
         */
        @Bean
        @ConditionalOnMissingBean(name = "tenantClientHealthIndicator")
        TenantClientHealthIndicator tenantClientHealthIndicator(
                ObjectProvider<TenantClient> client, TenantClientHealthTracker tracker) {
            return new TenantClientHealthIndicator(client, tracker);
        }
    }

    /** Info. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
    static class Info {

        /**
         * The {@code tenant-client} info contributor.
         *
         * @param properties the properties
         * @param client the client
         * @return the contributor
         */
        @Bean
        @ConditionalOnMissingBean
        TenantClientInfoContributor tenantClientInfoContributor(
                TenantClientProperties properties, ObjectProvider<TenantClient> client) {
            return new TenantClientInfoContributor(properties, client);
        }
    }
}
