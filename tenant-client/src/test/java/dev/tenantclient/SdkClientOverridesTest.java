/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.internal.ClientResources;
import dev.tenantclient.internal.SdkClientSettings;
import dev.tenantclient.testing.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.AttributeMap;

/** The SDK clients tenant-client builds take the application's override configuration and HTTP clients. */
class SdkClientOverridesTest {

    private static final String POOL = "us-east-1:00000000-0000-4000-8000-000000000001";

    /** Counts the requests it sees and stops each one before it leaves. */
    static final class Stop implements ExecutionInterceptor {
        final AtomicInteger seen = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            seen.incrementAndGet();
            throw new IllegalStateException("stopped by the test interceptor");
        }
    }

    /** An HTTP client that records whether it was closed; never sends. */
    static final class TrackedHttp implements SdkHttpClient, SdkAsyncHttpClient {
        boolean closed;

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            throw new UnsupportedOperationException("never sends");
        }

        @Override
        public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("never sends"));
        }

        @Override
        public String clientName() {
            return "tracked";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Makes tracked sync HTTP clients. */
    record SyncMaker(List<TrackedHttp> made) implements SdkHttpClient.Builder<SyncMaker> {
        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap defaults) {
            TrackedHttp h = new TrackedHttp();
            made.add(h);
            return h;
        }
    }

    /** Makes tracked async HTTP clients. */
    record AsyncMaker(List<TrackedHttp> made) implements SdkAsyncHttpClient.Builder<AsyncMaker> {
        @Override
        public SdkAsyncHttpClient buildWithDefaults(AttributeMap defaults) {
            TrackedHttp h = new TrackedHttp();
            made.add(h);
            return h;
        }
    }

    @Test
    void theCognitoClientBuiltHereRunsTheApplicationsInterceptors() {
        Stop stop = new Stop();
        try (TenantClient client = TenantClient.builder()
                .identityPoolId(POOL)
                .userPoolId(TestTokens.USER_POOL_ID)
                .region(Region.US_EAST_1)
                .tokenVerifier(TokenVerifier.skipSignatureVerification())
                .overrideConfiguration(c -> c.addExecutionInterceptor(stop))
                .build()) {
            TenantSession session =
                    client.session(TestTokens.token(Instant.now()).build());

            assertThatThrownBy(() -> session.credentialsProvider().resolveCredentials())
                    .isInstanceOf(CredentialsUnavailableException.class);
            assertThat(stop.seen).hasPositiveValue();
        }
    }

    @Test
    void everyClientBuiltHereGetsTheOverrideConfigurationAndGivenClientsAreLeftAlone() {
        Stop stop = new Stop();
        ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
                .addExecutionInterceptor(stop)
                .build();
        DynamoDbClient given = DynamoDbClient.builder().region(Region.US_EAST_1).build();
        try (ClientResources resources = new ClientResources(
                TenantLayout.org(),
                Region.US_EAST_1,
                given,
                null,
                null,
                BoundaryListener.NONE,
                null,
                null,
                null,
                new SdkClientSettings(override, null, null, null, null))) {
            assertThat(resources.dynamoDb()).isSameAs(given);
            for (SdkClient built : List.<SdkClient>of(
                    resources.s3(),
                    resources.dynamoDbAsync(),
                    resources.s3Async().client())) {
                assertThat(built.serviceClientConfiguration()
                                .overrideConfiguration()
                                .executionInterceptors())
                        .as(built.serviceName())
                        .contains(stop);
            }
            assertThat(given.serviceClientConfiguration()
                            .overrideConfiguration()
                            .executionInterceptors())
                    .doesNotContain(stop);
        }
        given.close();
    }

    @Test
    void sharedHttpClientsStayOpenAndBuiltOnesCloseWithTheClient() {
        TrackedHttp shared = new TrackedHttp();
        TrackedHttp sharedAsync = new TrackedHttp();
        try (ClientResources resources = new ClientResources(
                TenantLayout.org(),
                Region.US_EAST_1,
                null,
                null,
                null,
                BoundaryListener.NONE,
                null,
                null,
                null,
                new SdkClientSettings(null, shared, null, sharedAsync, null))) {
            resources.dynamoDb();
            resources.dynamoDbAsync();
        }
        assertThat(shared.closed).isFalse();
        assertThat(sharedAsync.closed).isFalse();

        List<TrackedHttp> made = new ArrayList<>();
        SyncMaker syncBuilder = new SyncMaker(made);
        AsyncMaker asyncBuilder = new AsyncMaker(made);
        try (ClientResources resources = new ClientResources(
                TenantLayout.org(),
                Region.US_EAST_1,
                null,
                null,
                null,
                BoundaryListener.NONE,
                null,
                null,
                null,
                new SdkClientSettings(null, null, syncBuilder, null, asyncBuilder))) {
            resources.dynamoDb();
            resources.s3();
            resources.dynamoDbAsync();
            assertThat(made).hasSize(3).noneMatch(h -> h.closed);
        }
        assertThat(made).allMatch(h -> h.closed);
    }
}
