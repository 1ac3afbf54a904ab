/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
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
 * {@code tenant-client} info contributor. The health indicator is registered for the health API the application
 * has: Spring Boot 4's ({@code org.springframework.boot.health}, {@link TenantClientHealthIndicator}) or Spring Boot
 * 3.5's ({@code org.springframework.boot.actuate.health}, {@link TenantClientBoot3HealthIndicator}); both are named
 * {@code tenantClientHealthIndicator} (health key {@code tenantClient}) and report the same. Each is only loaded when
 * its classes are present.
 */
@AutoConfiguration(before = TenantClientAutoConfiguration.class)
@ConditionalOnProperty(name = "tenant-client.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(TenantClientProperties.class)
public class TenantClientActuatorAutoConfiguration {

    /** Health with Spring Boot 4's health module ({@code spring-boot-health}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnEnabledTenantClientHealth
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

    /** Health with Spring Boot 3.5's actuator ({@code org.springframework.boot.actuate.health}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnEnabledTenantClientHealth
    static class Boot3Health {

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
        TenantClientBoot3HealthIndicator tenantClientHealthIndicator(
                ObjectProvider<TenantClient> client, TenantClientHealthTracker tracker) {
            return new TenantClientBoot3HealthIndicator(client, tracker);
        }
    }

    /** {@code management.health.tenant-client.enabled}, true unless set otherwise. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ConditionalOnProperty(
            name = "management.health.tenant-client.enabled",
            havingValue = "true",
            matchIfMissing = true)
    @interface ConditionalOnEnabledTenantClientHealth {}

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
