/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The SDK clients the auto-configuration builds for {@code tenant-client.endpoints.*} overrides, owned by the
 * application context and closed with it. Each is null when its endpoint is not overridden. Every request these
 * clients send carries a tenant's credentials; their own are anonymous.
 *
 * @param cognito the Cognito Identity client, or null
 * @param dynamoDb the DynamoDB client, or null
 * @param s3 the S3 client, or null
 * @param presigner the S3 presigner, or null
 */
public record TenantClientSdkClients(
        CognitoIdentityClient cognito, DynamoDbClient dynamoDb, S3Client s3, S3Presigner presigner)
        implements AutoCloseable {

    static TenantClientSdkClients from(Region region, TenantClientProperties.Endpoints endpoints) {
        AnonymousCredentialsProvider anonymous = AnonymousCredentialsProvider.create();
        CognitoIdentityClient cognito = endpoints.cognitoIdentity() == null
                ? null
                : CognitoIdentityClient.builder()
                        .region(region)
                        .endpointOverride(endpoints.cognitoIdentity())
                        .credentialsProvider(anonymous)
                        .build();
        DynamoDbClient dynamoDb = endpoints.dynamodb() == null
                ? null
                : DynamoDbClient.builder()
                        .region(region)
                        .endpointOverride(endpoints.dynamodb())
                        .credentialsProvider(anonymous)
                        .build();
        S3Client s3 = endpoints.s3() == null
                ? null
                : S3Client.builder()
                        .region(region)
                        .endpointOverride(endpoints.s3())
                        .forcePathStyle(true)
                        .credentialsProvider(anonymous)
                        .build();
        S3Presigner presigner = endpoints.s3() == null
                ? null
                : S3Presigner.builder()
                        .region(region)
                        .endpointOverride(endpoints.s3())
                        .serviceConfiguration(S3Configuration.builder()
                                .pathStyleAccessEnabled(true)
                                .build())
                        .credentialsProvider(anonymous)
                        .build();
        return new TenantClientSdkClients(cognito, dynamoDb, s3, presigner);
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>();
        for (AutoCloseable c : new AutoCloseable[] {cognito, dynamoDb, s3, presigner}) {
            if (c != null) {
                all.add(c);
            }
        }
        RuntimeException failure = null;
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Could not close an SDK client", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
