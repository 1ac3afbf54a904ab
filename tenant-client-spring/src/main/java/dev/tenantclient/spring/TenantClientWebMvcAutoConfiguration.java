/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC support: {@code TenantSession} controller parameters and an injectable {@link CurrentTenantSession},
 * for servlet applications secured as an OAuth2 resource server with JWTs.
 */
@AutoConfiguration(after = TenantClientAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({WebMvcConfigurer.class, Jwt.class})
@ConditionalOnBean(TenantClient.class)
public class TenantClientWebMvcAutoConfiguration {

    /**
     * The current request's session.
     *
     * @param client the tenant client
     * @return the lookup
     */
    @Bean
    @ConditionalOnMissingBean
    public CurrentTenantSession currentTenantSession(TenantClient client) {
        return new CurrentTenantSession(client);
    }

    /**
     * Registers the {@code TenantSession} argument resolver.
     *
     * @param current the current-request session lookup
     * @return the MVC configurer
     */
    @Bean
    public WebMvcConfigurer tenantSessionArgumentResolverConfigurer(CurrentTenantSession current) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new TenantSessionArgumentResolver(current));
            }
        };
    }
}
