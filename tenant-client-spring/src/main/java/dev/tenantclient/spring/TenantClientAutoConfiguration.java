/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.credentials.CredentialsListener;
import dev.tenantclient.credentials.CredentialsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Auto-configuration of a {@link TenantClient} from {@code tenant-client.*} properties. The application's own
 * {@code DynamoDbClient}, {@code S3Client}, {@code S3Presigner} and {@code CognitoIdentityClient} beans are reused
 * when present (an endpoint override builds a dedicated client instead); a {@code TenantClient} bean of the
 * application's replaces this one. Build it from the injected {@code TenantClient.Builder} to keep the metrics,
 * health and {@code JwtDecoder} verification this module attaches. {@code tenant-client.enabled=false} turns the
 * whole module off.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "tenant-client.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(TenantClientProperties.class)
public class TenantClientAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TenantClientAutoConfiguration.class);

    /**
     * A fresh builder per injection point, with the credentials listeners (metrics, health) and the customizers
     * applied. Define your own {@code TenantClient} from it to keep them.
     *
     * @param listeners credentials listeners
     * @param customizers builder customizers
     * @return a new builder
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    @ConditionalOnMissingBean
    public TenantClient.Builder tenantClientBuilder(
            ObjectProvider<CredentialsListener> listeners, ObjectProvider<TenantClientBuilderCustomizer> customizers) {
        TenantClient.Builder b = TenantClient.builder();
        List<CredentialsListener> all = listeners.orderedStream().toList();
        if (!all.isEmpty()) {
            b.credentials(s -> s.listener(all.size() == 1 ? all.get(0) : new CompositeListener(all)));
        }
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b;
    }

    /**
     * SDK clients for endpoint overrides, built here and closed with the context.
     *
     * @param properties the properties
     * @return the clients (each null without its override)
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(TenantClient.class)
    public TenantClientSdkClients tenantClientSdkClients(TenantClientProperties properties) {
        require(properties.identityPoolId(), "tenant-client.identity-pool-id");
        require(properties.userPoolId(), "tenant-client.user-pool-id");
        return TenantClientSdkClients.from(region(properties), properties.endpoints());
    }

    /**
     * The tenant client.
     *
     * @param properties the properties
     * @param overrides SDK clients for endpoint overrides
     * @param builder the builder, with listeners and customizers applied
     * @param dynamoDb the application's DynamoDB client, if any
     * @param s3 the application's S3 client, if any
     * @param presigner the application's S3 presigner, if any
     * @param cognito the application's Cognito Identity client, if any
     * @return the client, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public TenantClient tenantClient(
            TenantClientProperties properties,
            TenantClientSdkClients overrides,
            TenantClient.Builder builder,
            ObjectProvider<DynamoDbClient> dynamoDb,
            ObjectProvider<S3Client> s3,
            ObjectProvider<S3Presigner> presigner,
            ObjectProvider<CognitoIdentityClient> cognito) {
        Region region = region(properties);
        TenantClient.Builder b = builder.region(region).layout(layout(properties.layout()));
        set("tenant-client.identity-pool-id", () -> b.identityPoolId(properties.identityPoolId()));
        set("tenant-client.user-pool-id", () -> b.userPoolId(properties.userPoolId()));
        if (properties.clientId() != null && !properties.clientId().isBlank()) {
            b.clientId(properties.clientId());
        }
        b.credentials(s -> credentials(properties.credentials(), s));
        if (overrides.cognito() != null) {
            b.cognitoIdentityClient(overrides.cognito());
        } else {
            cognito.ifAvailable(b::cognitoIdentityClient);
        }
        if (overrides.dynamoDb() != null) {
            b.dynamoDbClient(overrides.dynamoDb());
        } else {
            dynamoDb.ifAvailable(d -> {
                warnOnOtherRegion(d, "DynamoDbClient", region);
                b.dynamoDbClient(d);
            });
        }
        if (overrides.s3() != null) {
            b.s3Client(overrides.s3()).s3Presigner(overrides.presigner());
        } else {
            s3.ifAvailable(client -> {
                warnOnOtherRegion(client, "S3Client", region);
                b.s3Client(client);
            });
            presigner.ifAvailable(b::s3Presigner);
        }
        try {
            return b.build();
        } catch (IllegalStateException | IllegalArgumentException | NullPointerException e) {
            String message = String.valueOf(e.getMessage());
            String property = propertyOf(message);
            throw new TenantClientConfigurationException(property, property + ": " + message, e);
        }
    }

    /** Verifies tokens given to the auto-configured client with the application's {@code JwtDecoder}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JwtDecoder.class)
    static class JwtDecoderVerification {

        /**
         * Sets a {@link JwtDecoderTokenVerifier} when the application has exactly one {@code JwtDecoder}.
         *
         * @param decoder the application's decoder
         * @return the customizer
         */
        @Bean
        @Order(0)
        TenantClientBuilderCustomizer jwtDecoderTokenVerifier(ObjectProvider<JwtDecoder> decoder) {
            return builder -> {
                JwtDecoder d = decoder.getIfUnique();
                if (d != null) {
                    builder.tokenVerifier(new JwtDecoderTokenVerifier(d));
                }
            };
        }
    }

    /**
     * A reused SDK client signs every tenant request in its own region; the identity pool's credentials work in
     * any region, so nothing fails, but tables and buckets silently resolve in another region than the one the
     * application configured here (and the doctor checks).
     */
    private static void warnOnOtherRegion(SdkClient client, String type, Region region) {
        Optional<Region> own = client.serviceClientConfiguration() instanceof AwsServiceClientConfiguration aws
                ? Optional.ofNullable(aws.region())
                : Optional.empty();
        if (own.isPresent() && !own.get().equals(region)) {
            log.warn(
                    "The application's {} bean is in region {}, tenant-client's identity pool and clients in {}:"
                            + " tenant requests through it go to {}. Set tenant-client.region (or the client's region)"
                            + " so both agree.",
                    type,
                    own.get(),
                    region,
                    own.get());
        }
    }

    static Region region(TenantClientProperties properties) {
        if (properties.region() != null && !properties.region().isBlank()) {
            return knownRegion(properties.region().trim(), "tenant-client.region", "'" + properties.region() + "'");
        }
        String pool = properties.identityPoolId();
        int colon = pool == null ? -1 : pool.indexOf(':');
        if (colon <= 0) {
            throw new TenantClientConfigurationException(
                    "tenant-client.identity-pool-id",
                    "tenant-client.identity-pool-id must look like <region>:<uuid>, was '" + pool + "'",
                    null);
        }
        return knownRegion(
                pool.substring(0, colon),
                "tenant-client.identity-pool-id",
                "'" + pool.substring(0, colon) + "' (from tenant-client.identity-pool-id '" + pool + "')");
    }

    private static Region knownRegion(String id, String property, String shown) {
        Region region = Region.of(id.toLowerCase(Locale.ROOT));
        if (!Region.regions().contains(region)) {
            throw new TenantClientConfigurationException(
                    property,
                    property + ": " + shown + " is not an AWS region this AWS SDK knows, such as eu-west-1",
                    null);
        }
        return region;
    }

    static TenantLayout layout(TenantClientProperties.Layout layout) {
        String type = layout.type() == null ? "org" : layout.type().trim().toLowerCase(Locale.ROOT);
        try {
            switch (type) {
                case "org" -> {
                    if (layout.tag() == null && layout.claim() == null) {
                        return TenantLayout.org();
                    }
                    String tag = layout.tag() != null ? layout.tag() : "org";
                    return TenantLayout.builder()
                            .tag(tag, layout.claim() != null ? layout.claim() : "custom:org")
                            .partitionKeyPrefix("{" + tag + "}#")
                            .objectKeyPrefix("{" + tag + "}/")
                            .build();
                }
                case "user" -> {
                    if (layout.tag() == null && layout.claim() == null) {
                        return TenantLayout.user();
                    }
                    String tag = layout.tag() != null ? layout.tag() : "username";
                    return TenantLayout.builder()
                            .tag(tag, layout.claim() != null ? layout.claim() : "sub")
                            .partitionKeyEquals("{" + tag + "}")
                            .objectKeyPrefix("{" + tag + "}/")
                            .build();
                }
                default ->
                    throw new TenantClientConfigurationException(
                            "tenant-client.layout.type",
                            "tenant-client.layout.type must be 'org' or 'user', was '" + layout.type() + "'",
                            null);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            String property = layout.tag() != null ? "tenant-client.layout.tag" : "tenant-client.layout.claim";
            throw new TenantClientConfigurationException(property, property + ": " + e.getMessage(), e);
        }
    }

    /** The property a builder's message is about (its messages start with the setting's name). */
    static String propertyOf(String message) {
        if (message.startsWith("identityPoolId")) {
            return "tenant-client.identity-pool-id";
        }
        if (message.startsWith("userPoolId")) {
            return "tenant-client.user-pool-id";
        }
        if (message.startsWith("minimumValidity")) {
            return "tenant-client.credentials.minimum-validity";
        }
        if (message.startsWith("clientId")) {
            return "tenant-client.client-id";
        }
        return "tenant-client";
    }

    /**
     * Copies the {@code tenant-client.credentials.*} properties that are set onto the settings; an unset one keeps
     * the builder's value (core's default, or a customizer's), so each default is written once, in
     * {@code CredentialsSettings}.
     */
    static void credentials(TenantClientProperties.Credentials c, CredentialsSettings.Builder s) {
        String prefix = "tenant-client.credentials.";
        setIfPresent(prefix + "refresh-ahead", c.refreshAhead(), s::refreshAhead);
        setIfPresent(prefix + "minimum-validity", c.minimumValidity(), s::minimumValidity);
        setIfPresent(prefix + "maximum-tokens", c.maximumTokens(), s::maximumTokens);
        setIfPresent(prefix + "max-concurrent-exchanges", c.maxConcurrentExchanges(), s::maxConcurrentExchanges);
        setIfPresent(prefix + "exchange-timeout", c.exchangeTimeout(), s::exchangeTimeout);
        if (c.minBackoff() != null || c.maxBackoff() != null) {
            // the builder sets both bounds at once: the unset one keeps its current value
            set(prefix + (c.minBackoff() != null ? "min-backoff" : "max-backoff"), () -> {
                CredentialsSettings current = s.build();
                s.retryBackoff(
                        c.minBackoff() != null ? c.minBackoff() : current.minBackoff(),
                        c.maxBackoff() != null ? c.maxBackoff() : current.maxBackoff());
            });
        }
        if (c.getIdRate() != null || c.getCredentialsRate() != null) {
            set(prefix + (c.getIdRate() != null ? "get-id-rate" : "get-credentials-rate"), () -> {
                CredentialsSettings current = s.build();
                s.cognitoRateLimits(
                        c.getIdRate() != null ? c.getIdRate() : current.getIdRate(),
                        c.getCredentialsRate() != null ? c.getCredentialsRate() : current.getCredentialsRate());
            });
        }
    }

    private static <T> void setIfPresent(String property, @Nullable T value, Consumer<T> setter) {
        if (value != null) {
            set(property, () -> setter.accept(value));
        }
    }

    /** Applies one setting, naming its property when the builder refuses the value. */
    private static void set(String property, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new TenantClientConfigurationException(property, property + ": " + e.getMessage(), e);
        }
    }

    private static void require(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new TenantClientConfigurationException(property, property + " is required", null);
        }
    }

    /** Fans credentials events out to several listeners. */
    private record CompositeListener(List<CredentialsListener> listeners) implements CredentialsListener {
        @Override
        public void exchangeSucceeded(Duration latency, boolean refresh) {
            listeners.forEach(l -> l.exchangeSucceeded(latency, refresh));
        }

        @Override
        public void exchangeFailed(String cause, boolean refresh, boolean servingCached) {
            listeners.forEach(l -> l.exchangeFailed(cause, refresh, servingCached));
        }
    }
}
