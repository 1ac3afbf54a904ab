/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantObservations;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer {@code Observation}s of tenant-client's exchanges ({@link MicrometerTenantObservations}) when the
 * application has an {@link ObservationRegistry} bean (Spring Boot's actuator makes one). A {@link TenantObservations}
 * bean of the application's replaces them.
 */
@AutoConfiguration(
        before = TenantClientAutoConfiguration.class,
        afterName = {
            // Boot 3.5 and Boot 4 make the registry here
            "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
        })
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnProperty(name = "tenant-client.enabled", havingValue = "true", matchIfMissing = true)
public class TenantClientObservationAutoConfiguration {

    /**
     * The observations, into the application's registry.
     *
     * @param registry the registry
     * @return the observations
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ObservationRegistry.class)
    public TenantObservations tenantObservations(ObservationRegistry registry) {
        return new MicrometerTenantObservations(registry);
    }

    /**
     * Hands the observations to the {@code TenantClient.Builder}.
     *
     * @param observations the observations, if any
     * @return the customizer
     */
    @Bean
    TenantClientBuilderCustomizer tenantObservationsCustomizer(ObjectProvider<TenantObservations> observations) {
        return builder -> observations.ifUnique(builder::observations);
    }
}
