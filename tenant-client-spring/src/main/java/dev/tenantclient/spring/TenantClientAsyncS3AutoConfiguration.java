/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The shared {@code S3AsyncClient} of {@code TenantSession.asyncBucket(...)}: the application's {@code S3AsyncClient}
 * bean when it has exactly one that can sign with per-request credentials (a CRT-based client cannot, and is passed
 * over with a warning), otherwise one built for {@code tenant-client.endpoints.s3} when that is set; without either,
 * tenant-client builds its own on first use. Reactive and servlet applications alike.
 */
@AutoConfiguration(before = TenantClientAutoConfiguration.class)
@ConditionalOnClass(name = "software.amazon.awssdk.services.s3.S3AsyncClient")
@ConditionalOnProperty(name = "tenant-client.enabled", havingValue = "true", matchIfMissing = true)
public class TenantClientAsyncS3AutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TenantClientAsyncS3AutoConfiguration.class);

    /**
     * An async S3 client for {@code tenant-client.endpoints.s3} (a local stack, LocalStack, MinIO), closed with the
     * context; its own credentials are anonymous, every tenant request carries the tenant's.
     *
     * @param properties the properties
     * @return the client
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(S3AsyncClient.class)
    @ConditionalOnProperty(name = "tenant-client.endpoints.s3")
    S3AsyncClient tenantClientS3AsyncClient(TenantClientProperties properties) {
        return S3AsyncClient.builder()
                .region(TenantClientAutoConfiguration.region(properties))
                .endpointOverride(properties.endpoints().s3())
                .forcePathStyle(true)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
    }

    /**
     * Hands the async client to the {@code TenantClient} builder.
     *
     * @param s3Async the application's (or the endpoint override's) async S3 client, if any
     * @return the customizer
     */
    @Bean
    TenantClientBuilderCustomizer tenantClientAsyncS3(ObjectProvider<S3AsyncClient> s3Async) {
        return builder -> {
            S3AsyncClient own = s3Async.getIfUnique();
            if (own != null) {
                try {
                    builder.s3AsyncClient(own);
                } catch (IllegalArgumentException e) {
                    log.warn("Not using the application's S3AsyncClient bean for tenant requests: {}", e.getMessage());
                }
            }
        };
    }
}
