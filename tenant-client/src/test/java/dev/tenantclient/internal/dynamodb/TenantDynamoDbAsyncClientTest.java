/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.BoundaryListener;
import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The session's async DynamoDB client against a recording {@link DynamoDbAsyncClient}: the same guard as the sync
 * client, refusals as failed futures with nothing sent, credentials resolved before a request is handed over, and
 * operations it does not confine refused as the sync client refuses them.
 */
class TenantDynamoDbAsyncClientTest {

    static final class Note {
        String id;
        String owner;
    }

    private static final TableSchema<Note> SCHEMA = TableSchema.builder(Note.class)
            .newItemSupplier(Note::new)
            .addAttribute(
                    String.class,
                    a -> a.name("id")
                            .getter(n -> n.id)
                            .setter((n, v) -> n.id = v)
                            .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name("owner")
                            .getter(n -> n.owner)
                            .setter((n, v) -> n.owner = v)
                            .tags(StaticAttributeTags.secondaryPartitionKey("byOwner")))
            .build();

    private static final Tenant ACME = new Tenant("acme", "alice", Map.of("org", "acme"));

    /** Records every request and answers with the future a test set. */
    static final class Recording implements DynamoDbAsyncClient {
        final List<AwsRequest> sent = new ArrayList<>();
        CompletableFuture<?> response;

        @SuppressWarnings("unchecked")
        private <T> CompletableFuture<T> answer(AwsRequest request) {
            sent.add(request);
            return (CompletableFuture<T>) response;
        }

        @Override
        public CompletableFuture<GetItemResponse> getItem(GetItemRequest r) {
            return answer(r);
        }

        @Override
        public CompletableFuture<PutItemResponse> putItem(PutItemRequest r) {
            return answer(r);
        }

        @Override
        public CompletableFuture<QueryResponse> query(QueryRequest r) {
            return answer(r);
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    }

    private static final AwsCredentials SESSION = AwsBasicCredentials.create("AKIDSESSION", "session-secret");

    private final Recording shared = new Recording();

    private TenantDynamoDbAsyncClient client(AwsCredentialsProvider credentials) {
        TenantDynamoDbAsyncClient c = new TenantDynamoDbAsyncClient(
                shared,
                new DynamoDbRequestGuard(
                        credentials,
                        new PartitionKeys(TenantLayout.org(), ACME),
                        new TableRegistry(),
                        new BoundaryEvents(BoundaryListener.NONE)));
        c.register("notes", SCHEMA);
        return c;
    }

    private final TenantDynamoDbAsyncClient client = client(StaticCredentialsProvider.create(SESSION));

    private static Map<String, AttributeValue> item(String id, String owner) {
        return Map.of("id", AttributeValue.fromS(id), "owner", AttributeValue.fromS(owner));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void aRequestIsRewrittenSignedWithTheResolvedCredentialsAndItsResponseStripped() throws Exception {
        shared.response = CompletableFuture.completedFuture(
                GetItemResponse.builder().item(item("acme#n-1", "acme#bob")).build());

        GetItemResponse response = client.getItem(r -> r.tableName("notes")
                        .key(key("n-1"))
                        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(7))))
                .join();

        assertThat(response.item()).isEqualTo(item("n-1", "bob"));
        GetItemRequest sent = (GetItemRequest) shared.sent.get(0);
        assertThat(sent.key()).isEqualTo(key("acme#n-1"));
        var override = sent.overrideConfiguration().orElseThrow();
        assertThat(override.apiCallTimeout()).contains(Duration.ofSeconds(7));
        assertThat(override.credentialsIdentityProvider()
                        .orElseThrow()
                        .resolveIdentity()
                        .get()
                        .accessKeyId())
                .isEqualTo("AKIDSESSION");
        assertThat(client.toString()).contains("notes").doesNotContain("session-secret");
    }

    @Test
    void whatTheGuardRefusesFailsTheFutureAndIsNeverSent() {
        assertThat(failureOf(client.getItem(r -> r.tableName("notes").key(key("globex#n-1")))))
                .isInstanceOf(TenantBoundaryException.class);
        assertThat(failureOf(client.putItem(r -> r.tableName("notes").item(item("n-1", "globex#bob")))))
                .isInstanceOf(TenantBoundaryException.class);
        assertThat(failureOf(client.query(r -> r.tableName("notes")
                        .keyConditionExpression("id = :v OR id = :w")
                        .expressionAttributeValues(
                                Map.of(":v", AttributeValue.fromS("a"), ":w", AttributeValue.fromS("b"))))))
                .isInstanceOf(TenantBoundaryException.class);
        assertThat(failureOf(client.getItem(r -> r.tableName("other").key(key("n-1")))))
                .isInstanceOf(TenantBoundaryException.class);
        assertThat(failureOf(client.scan(r -> r.tableName("notes")))).isInstanceOf(TenantBoundaryException.class);
        assertThat(failureOf(client.executeStatement(r -> r.statement("SELECT * FROM notes"))))
                .isInstanceOf(TenantBoundaryException.class);

        assertThat(shared.sent).isEmpty();
    }

    @Test
    void operationsItDoesNotConfineAreRefusedAsTheSyncClientRefusesThem() {
        assertThatThrownBy(() -> client.describeTable(r -> r.tableName("notes")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> client.deleteTable(r -> r.tableName("notes")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> client.updateTimeToLive(r -> r.tableName("notes")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(shared.sent).isEmpty();
    }

    @Test
    void aCredentialsFailureFailsTheFutureAndNothingIsSent() {
        TenantDynamoDbAsyncClient failing = client(new AwsCredentialsProvider() {
            @Override
            public AwsCredentials resolveCredentials() {
                throw new AssertionError("the async client must not resolve credentials on the caller's thread");
            }

            @Override
            public CompletableFuture<AwsCredentialsIdentity> resolveIdentity(ResolveIdentityRequest request) {
                return CompletableFuture.failedFuture(new CredentialsUnavailableException("Cognito is down", null));
            }
        });

        assertThat(failureOf(failing.getItem(r -> r.tableName("notes").key(key("n-1")))))
                .isInstanceOf(CredentialsUnavailableException.class);
        assertThat(shared.sent).isEmpty();
    }

    @Test
    void anItemInAFailedConditionComesBackInApplicationForm() {
        ConditionalCheckFailedException stored = ConditionalCheckFailedException.builder()
                .message("The conditional request failed")
                .item(item("acme#n-1", "acme#bob"))
                .build();
        shared.response = CompletableFuture.failedFuture(stored);

        Throwable failure = failureOf(client.putItem(r -> r.tableName("notes")
                .item(item("n-1", "bob"))
                .conditionExpression("attribute_not_exists(id)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));

        assertThat(failure)
                .isInstanceOfSatisfying(
                        ConditionalCheckFailedException.class,
                        e -> assertThat(e.item()).isEqualTo(item("n-1", "bob")));
    }
}
