/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import dev.tenantclient.BoundaryListener;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.TenantObservations;
import dev.tenantclient.internal.dynamodb.BoundaryEvents;
import dev.tenantclient.internal.dynamodb.TableRegistry;
import dev.tenantclient.internal.s3.AsyncS3Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The shared SDK clients every session uses, and the layout. Clients the application supplied are used as they
 * are and never closed here; clients built here are built once, on first use, with anonymous default credentials
 * (every request carries the tenant's credentials, so an unsigned request can only be a bug, and AWS rejects it),
 * and closed with the {@code TenantClient}.
 */
public final class ClientResources implements AutoCloseable {

    private final TenantLayout layout;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<DynamoDbAsyncClient> dynamoDbAsync;
    private final Lazy<S3Client> s3;
    private final Lazy<S3Presigner> presigner;
    private final TableRegistry tables = new TableRegistry();
    private final BoundaryEvents boundaryEvents;
    private final AsyncS3Resources s3Async;
    private final TenantObservations observations;

    /**
     * Creates the resources.
     *
     * @param layout the layout
     * @param region the region for clients built here
     * @param dynamoDb the application's client, or null to build one
     * @param s3 the application's client, or null to build one
     * @param presigner the application's presigner, or null to build one
     * @param boundaryListener hears what the guard filters out
     */
    public ClientResources(
            TenantLayout layout,
            Region region,
            @Nullable DynamoDbClient dynamoDb,
            @Nullable S3Client s3,
            @Nullable S3Presigner presigner,
            BoundaryListener boundaryListener) {
        this(layout, region, dynamoDb, s3, presigner, boundaryListener, null, null, null);
    }

    /**
     * Creates the resources, with the async clients.
     *
     * @param layout the layout
     * @param region the region for clients built here
     * @param dynamoDb the application's client, or null to build one
     * @param s3 the application's client, or null to build one
     * @param presigner the application's presigner, or null to build one
     * @param boundaryListener hears what the guard filters out
     * @param dynamoDbAsync the application's async client, or null to build one on first use
     * @param s3Async the application's async S3 client, or null to build one on first use
     * @param multipart the multipart settings of async transfers, or null for the SDK's defaults
     */
    public ClientResources(
            TenantLayout layout,
            Region region,
            @Nullable DynamoDbClient dynamoDb,
            @Nullable S3Client s3,
            @Nullable S3Presigner presigner,
            BoundaryListener boundaryListener,
            @Nullable DynamoDbAsyncClient dynamoDbAsync,
            @Nullable S3AsyncClient s3Async,
            @Nullable MultipartConfiguration multipart) {
        this(
                layout,
                region,
                dynamoDb,
                s3,
                presigner,
                boundaryListener,
                dynamoDbAsync,
                s3Async,
                multipart,
                SdkClientSettings.DEFAULTS);
    }

    /**
     * Creates the resources, with the async clients and the application's settings for clients built here.
     *
     * @param layout the layout
     * @param region the region for clients built here
     * @param dynamoDb the application's client, or null to build one
     * @param s3 the application's client, or null to build one
     * @param presigner the application's presigner, or null to build one
     * @param boundaryListener hears what the guard filters out
     * @param dynamoDbAsync the application's async client, or null to build one on first use
     * @param s3Async the application's async S3 client, or null to build one on first use
     * @param multipart the multipart settings of async transfers, or null for the SDK's defaults
     * @param sdk override configuration and HTTP clients for the clients built here (not for the application's)
     */
    public ClientResources(
            TenantLayout layout,
            Region region,
            @Nullable DynamoDbClient dynamoDb,
            @Nullable S3Client s3,
            @Nullable S3Presigner presigner,
            BoundaryListener boundaryListener,
            @Nullable DynamoDbAsyncClient dynamoDbAsync,
            @Nullable S3AsyncClient s3Async,
            @Nullable MultipartConfiguration multipart,
            SdkClientSettings sdk) {
        this(
                layout,
                region,
                dynamoDb,
                s3,
                presigner,
                boundaryListener,
                dynamoDbAsync,
                s3Async,
                multipart,
                sdk,
                TenantObservations.NONE);
    }

    /**
     * Creates the resources, with the async clients and the application's settings for clients built here.
     *
     * @param layout the layout
     * @param region the region for clients built here
     * @param dynamoDb the application's client, or null to build one
     * @param s3 the application's client, or null to build one
     * @param presigner the application's presigner, or null to build one
     * @param boundaryListener hears what the guard filters out
     * @param dynamoDbAsync the application's async client, or null to build one on first use
     * @param s3Async the application's async S3 client, or null to build one on first use
     * @param multipart the multipart settings of async transfers, or null for the SDK's defaults
     * @param sdk override configuration and HTTP clients for the clients built here (not for the application's)
     * @param observations observes each request a session's tables, indexes and buckets send
     */
    public ClientResources(
            TenantLayout layout,
            Region region,
            @Nullable DynamoDbClient dynamoDb,
            @Nullable S3Client s3,
            @Nullable S3Presigner presigner,
            BoundaryListener boundaryListener,
            @Nullable DynamoDbAsyncClient dynamoDbAsync,
            @Nullable S3AsyncClient s3Async,
            @Nullable MultipartConfiguration multipart,
            SdkClientSettings sdk,
            TenantObservations observations) {
        this.observations = observations;
        this.s3Async = new AsyncS3Resources(region, s3Async, multipart, sdk::configure);
        this.layout = layout;
        this.dynamoDbAsync = new Lazy<>(dynamoDbAsync, () -> buildDynamoDbAsync(region, sdk));
        this.boundaryEvents = new BoundaryEvents(boundaryListener);
        this.dynamoDb = new Lazy<>(
                dynamoDb,
                () -> sdk.configure(DynamoDbClient.builder()
                                .region(region)
                                .credentialsProvider(AnonymousCredentialsProvider.create()))
                        .build());
        this.s3 = new Lazy<>(
                s3,
                () -> sdk.configure(S3Client.builder()
                                .region(region)
                                .credentialsProvider(AnonymousCredentialsProvider.create()))
                        .build());
        // S3Presigner signs locally: no HTTP client, no override configuration
        this.presigner = new Lazy<>(
                presigner,
                () -> S3Presigner.builder()
                        .region(region)
                        .credentialsProvider(AnonymousCredentialsProvider.create())
                        .build());
    }

    /** @return what observes each request a session's tables, indexes and buckets send */
    public TenantObservations observations() {
        return observations;
    }

    /** @return the layout */
    public TenantLayout layout() {
        return layout;
    }

    /** @return the shared DynamoDB client */
    public DynamoDbClient dynamoDb() {
        return dynamoDb.get();
    }

    /**
     * The shared async DynamoDB client.
     *
     * @return the client
     * @throws IllegalStateException when none was given and no async HTTP client is on the class path
     */
    public DynamoDbAsyncClient dynamoDbAsync() {
        return dynamoDbAsync.get();
    }

    /**
     * An async client with the SDK's default async HTTP client (netty-nio-client, a runtime dependency of the SDK's
     * service modules and of tenant-client), failing with a message that says what to do when there is none.
     */
    private static DynamoDbAsyncClient buildDynamoDbAsync(Region region, SdkClientSettings sdk) {
        try {
            return sdk.configure(DynamoDbAsyncClient.builder()
                            .region(region)
                            .credentialsProvider(AnonymousCredentialsProvider.create()))
                    .build();
        } catch (SdkClientException e) {
            throw new IllegalStateException(
                    "No async HTTP client for TenantSession.asyncTable: add software.amazon.awssdk:netty-nio-client"
                            + " (or aws-crt-client) to the class path, or pass a shared client with"
                            + " TenantClient.builder().dynamoDbAsyncClient(...) (" + e.getMessage() + ")",
                    e);
        }
    }

    /** @return the DynamoDB tables opened through this client, with the attributes that carry the tenant */
    public TableRegistry tables() {
        return tables;
    }

    /** @return where the DynamoDB guard reports what it filtered out */
    public BoundaryEvents boundaryEvents() {
        return boundaryEvents;
    }

    /** @return the shared S3 client */
    public S3Client s3() {
        return s3.get();
    }

    /** @return the shared async S3 client, its multipart settings and the transfer executor */
    public AsyncS3Resources s3Async() {
        return s3Async;
    }

    /** @return the shared S3 presigner */
    public S3Presigner presigner() {
        return presigner.get();
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Lazy<? extends AutoCloseable> lazy : List.of(dynamoDb, dynamoDbAsync, s3, presigner)) {
            try {
                lazy.closeIfOwned();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        try {
            s3Async.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** A value supplied by the application, or built on first use and then owned. */
    private static final class Lazy<T extends AutoCloseable> {
        private final Supplier<T> factory;
        private final boolean owned;
        private volatile @Nullable T value;

        Lazy(@Nullable T given, Supplier<T> factory) {
            this.value = given;
            this.owned = given == null;
            this.factory = factory;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = factory.get();
                        value = v;
                    }
                }
            }
            return v;
        }

        void closeIfOwned() {
            T v = value;
            if (owned && v != null) {
                try {
                    v.close();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
