/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

/**
 * The session's credentials on each request: the shared client has credentials of its own (or none), and every
 * request a session sends carries the session's, in its override configuration (the request's own override settings
 * kept). Thread-safe.
 */
final class RequestCredentials {

    private final AwsCredentialsProvider provider;
    private final AwsRequestOverrideConfiguration sessionOverride;

    /**
     * Creates the credentials of a session's requests.
     *
     * @param provider the session's credentials
     */
    RequestCredentials(AwsCredentialsProvider provider) {
        this.provider = provider;
        this.sessionOverride = AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(provider)
                .build();
    }

    /** @return the session's credentials */
    AwsCredentialsProvider provider() {
        return provider;
    }

    /**
     * The request's own override configuration, if any, with the session's credentials (for the sync client, which
     * resolves them while it signs).
     *
     * @param request the application's request
     * @return the override configuration to send it with
     */
    AwsRequestOverrideConfiguration override(DynamoDbRequest request) {
        return request.overrideConfiguration()
                .map(o -> o.toBuilder().credentialsProvider(provider).build())
                .orElse(sessionOverride);
    }

    /**
     * The request with the session's credentials as resolved now (a completed future on a cache hit), for the async
     * client. The SDK's DynamoDB client joins the credentials future on the calling thread (its account-id endpoint
     * interceptor does, in {@code modifyRequest}, SDK 2.40), so a request handed to it before they are known would
     * block an event loop on the Cognito exchange; resolved first, they are a completed future there.
     *
     * @param <Q> the request type
     * @param request the guarded request
     * @return the request signed with exactly the resolved credentials, once they are known
     */
    @SuppressWarnings("unchecked") // toBuilder().build() of a request is a request of the same class
    <Q extends DynamoDbRequest> CompletableFuture<Q> resolved(Q request) {
        return provider.resolveIdentity().thenApply(identity -> {
            AwsRequestOverrideConfiguration override = request.overrideConfiguration()
                    .map(AwsRequestOverrideConfiguration::toBuilder)
                    .orElseGet(AwsRequestOverrideConfiguration::builder)
                    .credentialsProvider(pinned(identity))
                    .build();
            return (Q) request.toBuilder().overrideConfiguration(override).build();
        });
    }

    private static IdentityProvider<AwsCredentialsIdentity> pinned(AwsCredentialsIdentity identity) {
        return new IdentityProvider<>() {
            @Override
            public Class<AwsCredentialsIdentity> identityType() {
                return AwsCredentialsIdentity.class;
            }

            @Override
            public CompletableFuture<AwsCredentialsIdentity> resolveIdentity(ResolveIdentityRequest request) {
                return CompletableFuture.completedFuture(identity);
            }

            @Override
            public String toString() {
                return "ResolvedTenantCredentials";
            }
        };
    }
}
