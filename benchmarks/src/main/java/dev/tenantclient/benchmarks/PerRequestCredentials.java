/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.benchmarks;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What a multi-tenant application does without the library on one shared client: every request carries the
 * tenant's credentials in its override configuration. The raw Enhanced Client has no per-request override, so these
 * delegating clients add it under the Enhanced Client, the way an application would (one request copy per call).
 */
final class PerRequestCredentials {

    private PerRequestCredentials() {}

    /** A sync DynamoDB client signing every getItem/putItem/query with the given credentials. */
    static DynamoDbClient dynamoDb(DynamoDbClient delegate, AwsCredentialsProvider credentials) {
        return new DynamoDbClient() {
            @Override
            public GetItemResponse getItem(GetItemRequest request) {
                return delegate.getItem(request.toBuilder()
                        .overrideConfiguration(override(credentials))
                        .build());
            }

            @Override
            public PutItemResponse putItem(PutItemRequest request) {
                return delegate.putItem(request.toBuilder()
                        .overrideConfiguration(override(credentials))
                        .build());
            }

            @Override
            public QueryResponse query(QueryRequest request) {
                return delegate.query(request.toBuilder()
                        .overrideConfiguration(override(credentials))
                        .build());
            }

            @Override
            public String serviceName() {
                return delegate.serviceName();
            }

            @Override
            public void close() {}
        };
    }

    /** An async DynamoDB client signing every getItem/putItem/query with the given credentials. */
    static DynamoDbAsyncClient dynamoDbAsync(DynamoDbAsyncClient delegate, AwsCredentialsProvider credentials) {
        return new DynamoDbAsyncClient() {
            @Override
            public CompletableFuture<GetItemResponse> getItem(GetItemRequest request) {
                return delegate.getItem(request.toBuilder()
                        .overrideConfiguration(override(credentials))
                        .build());
            }

            @Override
            public CompletableFuture<PutItemResponse> putItem(PutItemRequest request) {
                return delegate.putItem(request.toBuilder()
                        .overrideConfiguration(override(credentials))
                        .build());
            }

            @Override
            public CompletableFuture<QueryResponse> query(QueryRequest request) {
                return delegate.query(request.toBuilder()
                        .overrideConfiguration(override(credentials))
                        .build());
            }

            @Override
            public String serviceName() {
                return delegate.serviceName();
            }

            @Override
            public void close() {}
        };
    }

    /** The per-request override an application builds for each call. */
    static AwsRequestOverrideConfiguration override(AwsCredentialsProvider credentials) {
        return AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(credentials)
                .build();
    }
}
