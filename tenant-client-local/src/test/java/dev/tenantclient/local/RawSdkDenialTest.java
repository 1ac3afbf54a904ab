/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * IAM as the second boundary: raw SDK calls with a tenant's own credentials, bypassing the wrappers, are denied by
 * the gateway whenever they leave the tenant — in the services' real error formats.
 */
@ExtendWith(NoSecretsInLogs.class)
class RawSdkDenialTest {

    private static final String TABLE = "raw-notes";
    private static final String BUCKET = "raw-files";
    private static LocalTenantStack stack;
    private static TenantClient client;
    private static AwsCredentialsProvider acme;
    private static DynamoDbClient dynamo;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        stack = TestStacks.shared();
        Tables.createNotes(stack, TABLE);
        stack.adminS3Client().createBucket(r -> r.bucket(BUCKET));
        client = stack.clientBuilder().build();
        TenantSession session = client.session(stack.issueToken("acme", "raw-alice"));
        acme = session.credentialsProvider();
        dynamo = DynamoDbClient.builder()
                .region(LocalTenantStack.REGION)
                .endpointOverride(stack.dynamoDbEndpoint())
                .credentialsProvider(acme)
                .build();
        s3 = S3Client.builder()
                .region(LocalTenantStack.REGION)
                .endpointOverride(stack.s3Endpoint())
                .forcePathStyle(true)
                .credentialsProvider(acme)
                .build();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        s3.close();
        client.close();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id), "seq", AttributeValue.fromS("0"));
    }

    private static void assertDenied(Runnable call, String code) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
    }

    @Test
    void ownKeysAreAllowed() {
        dynamo.putItem(r -> r.tableName(TABLE).item(key("acme#raw")));
        s3.putObject(r -> r.bucket(BUCKET).key("acme/raw.txt"), RequestBody.fromString("x"));

        assertThat(dynamo.getItem(r -> r.tableName(TABLE).key(key("acme#raw"))).hasItem())
                .isTrue();
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("acme/")).contents())
                .hasSize(1);
    }

    @Test
    void anotherTenantsKeysAKeyWithoutPrefixAndAScanAreDenied() {
        assertDenied(() -> dynamo.getItem(r -> r.tableName(TABLE).key(key("globex#x"))), "AccessDeniedException");
        assertDenied(() -> dynamo.putItem(r -> r.tableName(TABLE).item(key("x"))), "AccessDeniedException");
        assertDenied(() -> dynamo.scan(r -> r.tableName(TABLE)), "AccessDeniedException");
        assertDenied(
                () -> dynamo.query(r -> r.tableName(TABLE)
                        .keyConditionExpression("id = :v")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("globex#x")))),
                "AccessDeniedException");
        assertDenied(
                () -> dynamo.batchGetItem(r -> r.requestItems(Map.of(
                        TABLE,
                        software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                                .keys(List.of(key("acme#a"), key("globex#b")))
                                .build()))),
                "AccessDeniedException");
    }

    @Test
    void aRawAsyncClientWithTheTenantsNonBlockingProviderIsConfinedTheSameWay() {
        // the session's provider answers resolveIdentity() with a future: what an async client uses
        try (DynamoDbAsyncClient async = DynamoDbAsyncClient.builder()
                .region(LocalTenantStack.REGION)
                .endpointOverride(stack.dynamoDbEndpoint())
                .credentialsProvider(acme)
                .build()) {
            NotesTable.join(async.putItem(r -> r.tableName(TABLE).item(key("acme#raw-async"))));
            assertThat(NotesTable.join(async.getItem(r -> r.tableName(TABLE).key(key("acme#raw-async"))))
                            .hasItem())
                    .isTrue();

            assertDenied(
                    () -> NotesTable.join(async.getItem(r -> r.tableName(TABLE).key(key("globex#x")))),
                    "AccessDeniedException");
            assertDenied(
                    () -> NotesTable.join(async.putItem(r -> r.tableName(TABLE).item(key("x")))),
                    "AccessDeniedException");
            assertDenied(() -> NotesTable.join(async.scan(r -> r.tableName(TABLE))), "AccessDeniedException");
            assertDenied(
                    () -> NotesTable.join(async.query(r -> r.tableName(TABLE)
                            .keyConditionExpression("id = :v")
                            .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("globex#x"))))),
                    "AccessDeniedException");
        }
    }

    @Test
    void readingAVersionIsAllowedUnderTheOwnFolderOnly() {
        s3.putObject(r -> r.bucket(BUCKET).key("acme/versioned.txt"), RequestBody.fromString("v"));
        // the gateway authorizes a read with a versionId as s3:GetObjectVersion; s3proxy keeps no versions, so the
        // own read may fail after the gateway let it through, never with AccessDenied
        String own;
        try {
            s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("acme/versioned.txt").versionId("null"));
            own = "allowed";
        } catch (AwsServiceException e) {
            own = e.awsErrorDetails().errorCode();
        }
        assertThat(own).isNotEqualTo("AccessDenied");
        assertDenied(
                () -> s3.getObjectAsBytes(
                        r -> r.bucket(BUCKET).key("globex/versioned.txt").versionId("null")),
                "AccessDenied");
        s3.deleteObject(r -> r.bucket(BUCKET).key("acme/versioned.txt")); // ownKeysAreAllowed lists the folder
    }

    @Test
    void anotherTenantsObjectsAndAnUnconfinedListingAreDenied() {
        assertDenied(() -> s3.getObject(r -> r.bucket(BUCKET).key("globex/a.txt")), "AccessDenied");
        assertDenied(
                () -> s3.putObject(r -> r.bucket(BUCKET).key("raw.txt"), RequestBody.fromString("x")), "AccessDenied");
        assertDenied(() -> s3.listObjectsV2(r -> r.bucket(BUCKET)), "AccessDenied");
        assertDenied(() -> s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("globex/")), "AccessDenied");
        assertDenied(
                () -> s3.copyObject(r -> r.sourceBucket(BUCKET)
                        .sourceKey("globex/a.txt")
                        .destinationBucket(BUCKET)
                        .destinationKey("acme/stolen.txt")),
                "AccessDenied");
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        AwsSessionCredentials real = (AwsSessionCredentials) acme.resolveCredentials();
        AwsSessionCredentials forged =
                AwsSessionCredentials.create(real.accessKeyId(), "forged-secret", real.sessionToken());
        try (DynamoDbClient forgedDynamo = DynamoDbClient.builder()
                .region(LocalTenantStack.REGION)
                .endpointOverride(stack.dynamoDbEndpoint())
                .credentialsProvider(StaticCredentialsProvider.create(forged))
                .build()) {
            assertDenied(
                    () -> forgedDynamo.getItem(r -> r.tableName(TABLE).key(key("acme#raw"))),
                    "InvalidSignatureException");
        }
    }
}
