/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * WebFlux applications: {@code TenantSession} controller parameters resolved from the authenticated {@code Jwt}
 * ({@link TenantSessionReactiveArgumentResolver}). With it registered, the startup check of
 * {@link TenantClientReactiveGuardAutoConfiguration} stands down.
 */
@AutoConfiguration(after = TenantClientAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(
        name = {
            "org.springframework.web.reactive.config.WebFluxConfigurer",
            "org.springframework.security.core.context.ReactiveSecurityContextHolder",
            "org.springframework.security.oauth2.jwt.Jwt",
            "reactor.core.publisher.Mono"
        })
@ConditionalOnProperty(name = "tenant-client.enabled", havingValue = "true", matchIfMissing = true)
public class TenantClientWebFluxAutoConfiguration {

    /**
     * The resolver.
     *
     * @param client the tenant client, looked up when first needed
     * @return the resolver
     */
    @Bean
    @ConditionalOnMissingBean
    public TenantSessionReactiveArgumentResolver tenantSessionReactiveArgumentResolver(
            ObjectProvider<TenantClient> client) {
        return new TenantSessionReactiveArgumentResolver(client::getIfAvailable);
    }

    /**
     * Registers the resolver with WebFlux.
     *
     * @param resolver the resolver
     * @return the configurer
     */
    @Bean
    WebFluxConfigurer tenantSessionWebFluxConfigurer(TenantSessionReactiveArgumentResolver resolver) {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(resolver);
            }
        };
    }
}
