/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.credentials.CredentialsListener;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Auto-configuration of a {@link TenantClient} from {@code tenant-client.*} properties. The application's own
 * {@code DynamoDbClient}, {@code S3Client}, {@code S3Presigner} and {@code CognitoIdentityClient} beans are reused
 * when present (an endpoint override builds a dedicated client instead); a {@code TenantClient} bean of the
 * application's replaces this one.
 */
@AutoConfiguration
@EnableConfigurationProperties(TenantClientProperties.class)
public class TenantClientAutoConfiguration {

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
     * @param dynamoDb the application's DynamoDB client, if any
     * @param s3 the application's S3 client, if any
     * @param presigner the application's S3 presigner, if any
     * @param cognito the application's Cognito Identity client, if any
     * @param listeners credentials listeners (metrics)
     * @return the client, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public TenantClient tenantClient(
            TenantClientProperties properties,
            TenantClientSdkClients overrides,
            ObjectProvider<DynamoDbClient> dynamoDb,
            ObjectProvider<S3Client> s3,
            ObjectProvider<S3Presigner> presigner,
            ObjectProvider<CognitoIdentityClient> cognito,
            ObjectProvider<CredentialsListener> listeners) {
        try {
            TenantClient.Builder b = TenantClient.builder()
                    .identityPoolId(properties.identityPoolId())
                    .userPoolId(properties.userPoolId())
                    .layout(layout(properties.layout()));
            if (properties.region() != null) {
                b.region(Region.of(properties.region()));
            }
            if (properties.clientId() != null && !properties.clientId().isBlank()) {
                b.clientId(properties.clientId());
            }
            TenantClientProperties.Credentials c = properties.credentials();
            List<CredentialsListener> all = listeners.orderedStream().toList();
            b.credentials(s -> {
                s.refreshAhead(c.refreshAhead())
                        .maximumTokens(c.maximumTokens())
                        .maxConcurrentExchanges(c.maxConcurrentExchanges())
                        .exchangeTimeout(c.exchangeTimeout());
                if (!all.isEmpty()) {
                    s.listener(all.size() == 1 ? all.get(0) : new CompositeListener(all));
                }
            });
            if (overrides.cognito() != null) {
                b.cognitoIdentityClient(overrides.cognito());
            } else {
                cognito.ifAvailable(b::cognitoIdentityClient);
            }
            if (overrides.dynamoDb() != null) {
                b.dynamoDbClient(overrides.dynamoDb());
            } else {
                dynamoDb.ifAvailable(b::dynamoDbClient);
            }
            if (overrides.s3() != null) {
                b.s3Client(overrides.s3()).s3Presigner(overrides.presigner());
            } else {
                s3.ifAvailable(b::s3Client);
                presigner.ifAvailable(b::s3Presigner);
            }
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new TenantClientConfigurationException("tenant-client", e.getMessage(), e);
        }
    }

    static Region region(TenantClientProperties properties) {
        if (properties.region() != null) {
            return Region.of(properties.region());
        }
        String pool = properties.identityPoolId();
        int colon = pool.indexOf(':');
        if (colon <= 0) {
            throw new TenantClientConfigurationException(
                    "tenant-client.identity-pool-id",
                    "tenant-client.identity-pool-id must look like <region>:<uuid>, was '" + pool + "'",
                    null);
        }
        return Region.of(pool.substring(0, colon));
    }

    static TenantLayout layout(TenantClientProperties.Layout layout) {
        String type = layout.type() == null ? "org" : layout.type().trim().toLowerCase(java.util.Locale.ROOT);
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
    }

    private static void require(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new TenantClientConfigurationException(property, property + " is required", null);
        }
    }

    /** Fans credentials events out to several listeners. */
    private record CompositeListener(List<CredentialsListener> listeners) implements CredentialsListener {
        @Override
        public void exchangeSucceeded(java.time.Duration latency, boolean refresh) {
            listeners.forEach(l -> l.exchangeSucceeded(latency, refresh));
        }

        @Override
        public void exchangeFailed(String cause, boolean refresh, boolean servingCached) {
            listeners.forEach(l -> l.exchangeFailed(cause, refresh, servingCached));
        }
    }
}
