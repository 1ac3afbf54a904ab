/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The shared {@code DynamoDbAsyncClient} of {@code TenantSession.asyncTable(...)}: the application's
 * {@code DynamoDbAsyncClient} bean when it has exactly one, otherwise one built for
 * {@code tenant-client.endpoints.dynamodb} when that is set; without either, tenant-client builds its own on first
 * use. Reactive and servlet applications alike.
 */
@AutoConfiguration(before = TenantClientAutoConfiguration.class)
@ConditionalOnClass(name = "software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient")
@ConditionalOnProperty(name = "tenant-client.enabled", havingValue = "true", matchIfMissing = true)
public class TenantClientAsyncDynamoDbAutoConfiguration {

    /**
     * An async DynamoDB client for {@code tenant-client.endpoints.dynamodb} (a local stack, DynamoDB Local,
     * LocalStack), closed with the context; its own credentials are anonymous, every tenant request carries the
     * tenant's.
     *
     * @param properties the properties
     * @return the client
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(DynamoDbAsyncClient.class)
    @ConditionalOnProperty(name = "tenant-client.endpoints.dynamodb")
    DynamoDbAsyncClient tenantClientDynamoDbAsyncClient(TenantClientProperties properties) {
        return DynamoDbAsyncClient.builder()
                .region(TenantClientAutoConfiguration.region(properties))
                .endpointOverride(properties.endpoints().dynamodb())
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
    }

    /**
     * Hands the async client to the {@code TenantClient} builder.
     *
     * @param dynamoDbAsync the application's (or the endpoint override's) async DynamoDB client, if any
     * @return the customizer
     */
    @Bean
    TenantClientBuilderCustomizer tenantClientAsyncDynamoDb(ObjectProvider<DynamoDbAsyncClient> dynamoDbAsync) {
        return builder -> {
            DynamoDbAsyncClient own = dynamoDbAsync.getIfUnique();
            if (own != null) {
                builder.dynamoDbAsyncClient(own);
            }
        };
    }
}
