/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC support for servlet applications secured as an OAuth2 resource server with JWTs: {@code TenantSession}
 * controller parameters (also {@code Optional<TenantSession>} and {@code @Nullable}), an injectable
 * {@link CurrentTenantSession}, problem-details answers for tenant-client's exceptions
 * ({@link TenantClientExceptionHandler}) and, opt-in, a {@link TenantSessionTaskDecorator}.
 *
 * <p>Nothing here waits for the {@code TenantClient} bean (it is looked up per request), so a {@code @MockitoBean
 * TenantClient} works, and this configuration is part of {@code @WebMvcTest} slices.
 */
@AutoConfiguration(after = TenantClientAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({WebMvcConfigurer.class, Jwt.class})
@ConditionalOnProperty(name = "tenant-client.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(TenantClientProperties.class)
public class TenantClientWebMvcAutoConfiguration {

    /**
     * The current request's session.
     *
     * @param client the tenant client, looked up per request
     * @param properties the properties ({@code id-token-header})
     * @param decoders the application's JWT decoder, which verifies ID tokens sent in the header
     * @return the lookup
     */
    @Bean
    @ConditionalOnMissingBean
    public CurrentTenantSession currentTenantSession(
            ObjectProvider<TenantClient> client,
            TenantClientProperties properties,
            ObjectProvider<JwtDecoder> decoders) {
        String header = properties.idTokenHeader();
        if (header == null || header.isBlank()) {
            return new CurrentTenantSession(client::getIfAvailable, null, null);
        }
        JwtDecoder decoder = decoders.getIfUnique();
        if (decoder == null) {
            throw new TenantClientConfigurationException(
                    "tenant-client.id-token-header",
                    "tenant-client.id-token-header=" + header + " needs one JwtDecoder bean to verify the ID tokens"
                            + " sent in it (spring.security.oauth2.resourceserver.jwt.* or a JwtDecoder @Bean)",
                    null);
        }
        return new CurrentTenantSession(client::getIfAvailable, header, decoder);
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

    /**
     * Problem-details answers for tenant-client's exceptions.
     *
     * @param properties the properties ({@code retry-after})
     * @return the advice
     */
    @Bean
    @ConditionalOnMissingBean
    public TenantClientExceptionHandler tenantClientExceptionHandler(TenantClientProperties properties) {
        return new TenantClientExceptionHandler(properties.retryAfter());
    }

    /**
     * Propagates the security context and the session into tasks of the auto-configured executor, when asked to.
     *
     * @param current the current-request session lookup
     * @return the decorator
     */
    @Bean
    @ConditionalOnProperty(name = "tenant-client.async.propagate-context", havingValue = "true")
    @ConditionalOnMissingBean(TaskDecorator.class)
    public TenantSessionTaskDecorator tenantSessionTaskDecorator(CurrentTenantSession current) {
        return new TenantSessionTaskDecorator(current);
    }
}
