/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring.test;

import dev.tenantclient.local.LocalTenantStack;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestTemplate;

/**
 * Points a test's application context at the JVM's shared {@link LocalTenantStack}: properties, beans and the
 * {@code JwtDecoder} described on {@link AutoConfigureLocalTenantStack}. All instances are equal, so test classes
 * that differ only in other respects still share one cached context.
 */
final class LocalTenantStackContextCustomizer implements ContextCustomizer {

    /** The property source's name, first in the environment. */
    static final String PROPERTY_SOURCE = "localTenantStack";

    private static final String JWT_DECODER = "org.springframework.security.oauth2.jwt.JwtDecoder";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        LocalTenantStack stack = SharedStack.get();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(PROPERTY_SOURCE, properties(stack)));
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        beans.registerSingleton("localTenantStack", stack);
        beans.registerSingleton("localTenantStackTokens", stack.tokens());
        if (ClassUtils.isPresent(JWT_DECODER, context.getClassLoader())
                && beans instanceof BeanDefinitionRegistry registry) {
            Decoder.register(registry, stack);
        }
    }

    /**
     * The {@code tenant-client.*} properties of the stack.
     *
     * @param stack the stack
     * @return property names and values
     */
    static Map<String, Object> properties(LocalTenantStack stack) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tenant-client.region", LocalTenantStack.REGION.id());
        p.put("tenant-client.identity-pool-id", LocalTenantStack.IDENTITY_POOL_ID);
        p.put("tenant-client.user-pool-id", LocalTenantStack.USER_POOL_ID);
        p.put("tenant-client.client-id", LocalTenantStack.CLIENT_ID);
        p.put(
                "tenant-client.endpoints.cognito-identity",
                stack.cognitoEndpoint().toString());
        p.put("tenant-client.endpoints.dynamodb", stack.dynamoDbEndpoint().toString());
        p.put("tenant-client.endpoints.s3", stack.s3Endpoint().toString());
        return p;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof LocalTenantStackContextCustomizer;
    }

    @Override
    public int hashCode() {
        return LocalTenantStackContextCustomizer.class.hashCode();
    }

    /** Only loaded when Spring Security's JOSE support is on the classpath. */
    private static final class Decoder {

        private Decoder() {}

        static void register(BeanDefinitionRegistry registry, LocalTenantStack stack) {
            RootBeanDefinition definition = new RootBeanDefinition(JwtDecoder.class, () -> decoder(stack));
            // Primary: wins over a decoder the application defines for the real user pool.
            definition.setPrimary(true);
            registry.registerBeanDefinition("localTenantStackJwtDecoder", definition);
        }

        static JwtDecoder decoder(LocalTenantStack stack) {
            // Loopback: a slow answer only means a loaded test machine (Spring Security's default times out).
            SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
            requests.setConnectTimeout(Duration.ofSeconds(60));
            requests.setReadTimeout(Duration.ofSeconds(60));
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(
                            stack.jwksUrl().toString())
                    .restOperations(new RestTemplate(requests))
                    .build();
            decoder.setJwtValidator(
                    JwtValidators.createDefaultWithIssuer(stack.tokens().issuer()));
            return decoder;
        }
    }

    /** One stack per JVM, started on first use and closed when the JVM exits. */
    static final class SharedStack {

        private static @Nullable LocalTenantStack stack;

        private SharedStack() {}

        static synchronized LocalTenantStack get() {
            LocalTenantStack s = stack;
            if (s == null) {
                LocalTenantStack started = LocalTenantStack.start();
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-tenant-stack-shutdown"));
                stack = started;
                s = started;
            }
            return s;
        }
    }

    @Override
    public String toString() {
        return "LocalTenantStackContextCustomizer";
    }
}
