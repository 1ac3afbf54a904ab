/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The session's DynamoDB client on paths DynamoDB Local does not produce (unprocessed batch items, return values on
 * every write, transaction shapes, malformed responses), against a recording {@link DynamoDbClient}: what was sent,
 * what came back to the application, and that nothing is sent when the guard refuses.
 */
class TenantDynamoDbClientTest {

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

    /** Records every request and answers with the response a test set. */
    static final class Recording implements DynamoDbClient {
        final List<AwsRequest> sent = new ArrayList<>();
        Object response;

        private <T> T answer(AwsRequest request, Class<T> type) {
            sent.add(request);
            return type.cast(response);
        }

        @Override
        public GetItemResponse getItem(GetItemRequest r) {
            return answer(r, GetItemResponse.class);
        }

        @Override
        public PutItemResponse putItem(PutItemRequest r) {
            return answer(r, PutItemResponse.class);
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest r) {
            return answer(r, UpdateItemResponse.class);
        }

        @Override
        public DeleteItemResponse deleteItem(DeleteItemRequest r) {
            return answer(r, DeleteItemResponse.class);
        }

        @Override
        public QueryResponse query(QueryRequest r) {
            return answer(r, QueryResponse.class);
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest r) {
            return answer(r, BatchGetItemResponse.class);
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest r) {
            return answer(r, BatchWriteItemResponse.class);
        }

        @Override
        public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest r) {
            return answer(r, TransactGetItemsResponse.class);
        }

        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest r) {
            return answer(r, TransactWriteItemsResponse.class);
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    }

    private final Recording shared = new Recording();
    private final StaticCredentialsProvider session =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSESSION", "session-secret"));
    private final TenantDynamoDbClient client =
            new TenantDynamoDbClient(shared, session, new PartitionKeys(TenantLayout.org(), ACME));

    TenantDynamoDbClientTest() {
        client.register("notes", SCHEMA);
    }

    private static Map<String, AttributeValue> item(String id, String owner) {
        return Map.of("id", AttributeValue.fromS(id), "owner", AttributeValue.fromS(owner));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    @Test
    void everyRequestIsSignedWithTheSessionsCredentialsOnTheSharedClient() {
        shared.response = GetItemResponse.builder().build();
        client.getItem(r -> r.tableName("notes").key(key("n-1")));

        AwsRequest sent = shared.sent.get(0);
        assertThat(sent.overrideConfiguration().orElseThrow().credentialsIdentityProvider())
                .containsSame(session);
        assertThat(client.serviceName()).isEqualTo("dynamodb");
        assertThat(client.toString()).contains("notes").doesNotContain("session-secret");
    }

    @Test
    void theApplicationsOwnOverrideConfigurationIsKeptAndGetsTheSessionsCredentials() {
        shared.response = GetItemResponse.builder().build();
        client.getItem(r -> r.tableName("notes")
                .key(key("n-1"))
                .overrideConfiguration(o -> o.apiCallTimeout(java.time.Duration.ofSeconds(7))));

        var sent = shared.sent.get(0).overrideConfiguration().orElseThrow();
        assertThat(sent.apiCallTimeout()).contains(java.time.Duration.ofSeconds(7));
        assertThat(sent.credentialsIdentityProvider()).containsSame(session);
    }

    @Test
    void writesReturningOldValuesAreStripped() {
        shared.response = PutItemResponse.builder()
                .attributes(item("acme#n-1", "acme#alice"))
                .build();
        assertThat(client.putItem(r -> r.tableName("notes").item(item("n-1", "alice")))
                        .attributes())
                .isEqualTo(item("n-1", "alice"));
        assertThat(((PutItemRequest) shared.sent.get(0)).item()).isEqualTo(item("acme#n-1", "acme#alice"));

        shared.response = UpdateItemResponse.builder()
                .attributes(item("acme#n-1", "acme#bob"))
                .build();
        UpdateItemResponse updated = client.updateItem(r -> r.tableName("notes")
                .key(key("n-1"))
                .updateExpression("SET #o = :o")
                .expressionAttributeNames(Map.of("#o", "owner"))
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("bob"))));
        assertThat(updated.attributes()).isEqualTo(item("n-1", "bob"));
        assertThat(((UpdateItemRequest) shared.sent.get(1)).expressionAttributeValues())
                .containsEntry(":o", AttributeValue.fromS("acme#bob"));

        shared.response = DeleteItemResponse.builder()
                .attributes(item("acme#n-1", "acme#bob"))
                .build();
        assertThat(client.deleteItem(r -> r.tableName("notes").key(key("n-1"))).attributes())
                .isEqualTo(item("n-1", "bob"));
    }

    @Test
    void anUpdateSettingATenantAttributeToANonStringIsRefusedBeforeSending() {
        assertThatThrownBy(() -> client.updateItem(r -> r.tableName("notes")
                        .key(key("n-1"))
                        .updateExpression("SET owner = :o")
                        .expressionAttributeValues(Map.of(":o", AttributeValue.fromN("7")))))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("'owner' carries the tenant");
        assertThat(shared.sent).isEmpty();
    }

    @Test
    void unprocessedBatchKeysAndItemsComeBackAsApplicationIds() {
        shared.response = BatchGetItemResponse.builder()
                .responses(Map.of("notes", List.of(item("acme#n-1", "acme#alice"))))
                .unprocessedKeys(Map.of(
                        "notes",
                        KeysAndAttributes.builder()
                                .keys(List.of(key("acme#n-2")))
                                .build()))
                .build();
        BatchGetItemResponse got = client.batchGetItem(r -> r.requestItems(Map.of(
                "notes",
                KeysAndAttributes.builder()
                        .keys(List.of(key("n-1"), key("n-2")))
                        .build())));
        assertThat(got.responses().get("notes")).containsExactly(item("n-1", "alice"));
        assertThat(got.unprocessedKeys().get("notes").keys()).containsExactly(key("n-2"));

        shared.response = BatchWriteItemResponse.builder()
                .unprocessedItems(Map.of(
                        "notes",
                        List.of(
                                WriteRequest.builder()
                                        .putRequest(p -> p.item(item("acme#n-3", "acme#alice")))
                                        .build(),
                                WriteRequest.builder()
                                        .deleteRequest(d -> d.key(key("acme#n-4")))
                                        .build())))
                .build();
        BatchWriteItemResponse written = client.batchWriteItem(r -> r.requestItems(Map.of(
                "notes",
                List.of(
                        WriteRequest.builder()
                                .putRequest(p -> p.item(item("n-3", "alice")))
                                .build(),
                        WriteRequest.builder()
                                .deleteRequest(d -> d.key(key("n-4")))
                                .build()))));
        assertThat(written.unprocessedItems().get("notes"))
                .extracting(w -> w.putRequest() != null
                        ? w.putRequest().item().get("id").s()
                        : w.deleteRequest().key().get("id").s())
                .containsExactly("n-3", "n-4");
    }

    @Test
    void aBatchWriteWithoutPutOrDeleteIsRefused() {
        assertThatThrownBy(() -> client.batchWriteItem(r -> r.requestItems(
                        Map.of("notes", List.of(WriteRequest.builder().build())))))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("without a put or delete");
        assertThat(shared.sent).isEmpty();
    }

    @Test
    void everyTransactionActionIsPrefixedAndGuarded() {
        shared.response = TransactWriteItemsResponse.builder().build();
        client.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder()
                        .update(u -> u.tableName("notes")
                                .key(key("n-1"))
                                .updateExpression("SET owner = :o")
                                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("bob"))))
                        .build(),
                TransactWriteItem.builder()
                        .delete(d -> d.tableName("notes").key(key("n-2")))
                        .build(),
                TransactWriteItem.builder()
                        .conditionCheck(
                                c -> c.tableName("notes").key(key("n-3")).conditionExpression("attribute_exists(id)"))
                        .build()));

        List<TransactWriteItem> sent = ((TransactWriteItemsRequest) shared.sent.get(0)).transactItems();
        assertThat(sent.get(0).update().key()).isEqualTo(key("acme#n-1"));
        assertThat(sent.get(0).update().expressionAttributeValues())
                .containsEntry(":o", AttributeValue.fromS("acme#bob"));
        assertThat(sent.get(1).delete().key()).isEqualTo(key("acme#n-2"));
        assertThat(sent.get(2).conditionCheck().key()).isEqualTo(key("acme#n-3"));
    }

    @Test
    void aTransactionItemWithoutAnActionOrWithAForeignKeyIsRefused() {
        assertThatThrownBy(() -> client.transactWriteItems(
                        r -> r.transactItems(TransactWriteItem.builder().build())))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("without an action");
        assertThatThrownBy(() -> client.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                        .delete(d -> d.tableName("notes").key(key("globex#n-1")))
                        .build())))
                .isInstanceOf(TenantBoundaryException.class);
        assertThat(shared.sent).isEmpty();
    }

    @Test
    void transactGetStripsItemsAndPassesEmptyAnswers() {
        shared.response = TransactGetItemsResponse.builder()
                .responses(
                        ItemResponse.builder()
                                .item(item("acme#n-1", "acme#alice"))
                                .build(),
                        ItemResponse.builder().build())
                .build();
        TransactGetItemsResponse got = client.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder()
                        .get(g -> g.tableName("notes").key(key("n-1")))
                        .build(),
                TransactGetItem.builder()
                        .get(g -> g.tableName("notes").key(key("n-2")))
                        .build()));
        assertThat(got.responses().get(0).item()).isEqualTo(item("n-1", "alice"));
        assertThat(got.responses().get(1).hasItem()).isFalse();

        shared.response = TransactGetItemsResponse.builder().build();
        assertThat(client.transactGetItems(r -> r.transactItems(TransactGetItem.builder()
                                .get(g -> g.tableName("notes").key(key("n-1")))
                                .build()))
                        .hasResponses())
                .isFalse();
    }

    @Test
    void queriesAreConfinedToTheTenantsPartitionOrATenantKeyedIndex() {
        shared.response = QueryResponse.builder()
                .items(List.of(item("acme#n-1", "acme#alice")))
                .lastEvaluatedKey(
                        Map.of("id", AttributeValue.fromS("acme#n-1"), "owner", AttributeValue.fromS("acme#alice")))
                .build();
        QueryResponse page = client.query(r -> r.tableName("notes")
                .indexName("byOwner")
                .keyConditionExpression("#o = :o")
                .expressionAttributeNames(Map.of("#o", "owner"))
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("alice")))
                .exclusiveStartKey(item("n-0", "alice")));
        assertThat(page.items()).containsExactly(item("n-1", "alice"));
        assertThat(page.lastEvaluatedKey()).isEqualTo(item("n-1", "alice"));
        QueryRequest sent = (QueryRequest) shared.sent.get(0);
        assertThat(sent.exclusiveStartKey()).isEqualTo(item("acme#n-0", "acme#alice"));
        assertThat(sent.expressionAttributeValues()).containsEntry(":o", AttributeValue.fromS("acme#alice"));

        assertThatThrownBy(() -> client.query(r -> r.tableName("notes").indexName("byColour")))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("not keyed by the tenant");
        assertThatThrownBy(() -> client.query(r -> r.tableName("notes")))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("without a key condition");
        assertThatThrownBy(() -> client.query(r -> r.tableName("notes")
                        .keyConditionExpression("begins_with(id, :p)")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("n")))))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("does not bind partition key 'id'");
        assertThat(shared.sent).hasSize(1);
    }

    @Test
    void aResponseItemFromOutsideTheTenantOrWithANonStringKeyIsNeverReturned() {
        shared.response =
                GetItemResponse.builder().item(item("globex#n-1", "globex#bob")).build();
        assertThatThrownBy(() -> client.getItem(r -> r.tableName("notes").key(key("n-1"))))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageNotContaining("globex");

        shared.response = GetItemResponse.builder()
                .item(Map.of("id", AttributeValue.fromN("1")))
                .build();
        assertThatThrownBy(() -> client.getItem(r -> r.tableName("notes").key(key("n-1"))))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("not a string");
    }

    @Test
    void aNonStringTenantAttributeInAnItemIsRefusedBeforeSending() {
        assertThatThrownBy(() -> client.putItem(r -> r.tableName("notes")
                        .item(Map.of("id", AttributeValue.fromS("n-1"), "owner", AttributeValue.fromN("3")))))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("must be a string");
        assertThat(shared.sent).isEmpty();
    }

    @Test
    void partiQlIsRefused() {
        assertThatThrownBy(() -> client.executeStatement(r -> r.statement("SELECT * FROM notes")))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("PartiQL");
        assertThatThrownBy(() -> client.batchExecuteStatement(r -> r.statements(
                        List.of(BatchStatementRequest.builder().statement("x").build()))))
                .isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> client.executeTransaction(r -> r.transactStatements(
                        List.of(ParameterizedStatement.builder().statement("x").build()))))
                .isInstanceOf(TenantBoundaryException.class);
        assertThat(shared.sent).isEmpty();
    }

    @Test
    void registeringATableTwiceWithTheSameSchemaKeepsItsKeys() {
        TableKeys first = client.register("notes", SCHEMA);
        assertThat(client.register("notes", SCHEMA)).isEqualTo(first);
        assertThat(first.partitionKeyOf("byOwner")).contains("owner");
        assertThat(first.partitionKeyOf(null)).contains("id");
    }

    @Test
    void aSchemaDeclaringATenantAttributeAsPlainConflictsAndTheRegistryKeepsTheUnion() {
        TableSchema<Note> plainOwner = TableSchema.builder(Note.class)
                .newItemSupplier(Note::new)
                .addAttribute(
                        String.class,
                        a -> a.name("id")
                                .getter(n -> n.id)
                                .setter((n, v) -> n.id = v)
                                .tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(
                        String.class, a -> a.name("owner").getter(n -> n.owner).setter((n, v) -> n.owner = v))
                .build();
        TableSchema<Note> idOnly = TableSchema.builder(Note.class)
                .newItemSupplier(Note::new)
                .addAttribute(
                        String.class,
                        a -> a.name("id")
                                .getter(n -> n.id)
                                .setter((n, v) -> n.id = v)
                                .tags(StaticAttributeTags.primaryPartitionKey()))
                .build();

        assertThatThrownBy(() -> client.register("notes", plainOwner))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("'owner'");
        assertThat(client.register("notes", idOnly).tenantAttributes()).containsExactlyInAnyOrder("id", "owner");
        client.register("other", idOnly);
        assertThat(client.register("other", SCHEMA).tenantAttributes()).containsExactlyInAnyOrder("id", "owner");
        assertThatThrownBy(() -> client.register(
                        "other",
                        TableSchema.builder(Note.class)
                                .newItemSupplier(Note::new)
                                .addAttribute(
                                        String.class,
                                        a -> a.name("owner")
                                                .getter(n -> n.owner)
                                                .setter((n, v) -> n.owner = v)
                                                .tags(StaticAttributeTags.primaryPartitionKey()))
                                .build()))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("partition key");
    }

    /** Every row of the refusal table, as the application sees it: refused with its message, nothing sent. */
    static Stream<Arguments> unconfinableParameters() {
        Map<String, ExpectedAttributeValue> expected =
                Map.of("id", ExpectedAttributeValue.builder().exists(false).build());
        Map<String, Condition> condition =
                Map.of("id", Condition.builder().comparisonOperator("EQ").build());
        return Stream.of(
                Arguments.of(
                        call(c -> c.getItem(
                                b -> b.tableName("notes").key(key("n1")).attributesToGet("id"))),
                        "GetItem with the legacy parameter AttributesToGet cannot be confined by tenant-client; use ProjectionExpression"),
                Arguments.of(
                        call(c -> c.putItem(b ->
                                b.tableName("notes").item(item("n1", "alice")).expected(expected))),
                        "PutItem with the legacy parameter Expected cannot be confined by tenant-client; use ConditionExpression"),
                Arguments.of(
                        call(c -> c.putItem(b ->
                                b.tableName("notes").item(item("n1", "alice")).conditionalOperator("AND"))),
                        "PutItem with the legacy parameter ConditionalOperator cannot be confined by tenant-client; use ConditionExpression"),
                Arguments.of(
                        call(c -> c.putItem(b ->
                                b.tableName("notes").item(item("n1", "alice")).returnValues("NEWER"))),
                        "ReturnValues has a value this SDK version does not know; tenant-client cannot tell what DynamoDB would return for it"),
                Arguments.of(
                        call(c -> c.updateItem(b -> b.tableName("notes")
                                .key(key("n1"))
                                .attributeUpdates(Map.of(
                                        "text",
                                        AttributeValueUpdate.builder()
                                                .action("PUT")
                                                .build())))),
                        "UpdateItem with the legacy parameter AttributeUpdates cannot be confined by tenant-client; use UpdateExpression"),
                Arguments.of(
                        call(c -> c.updateItem(
                                b -> b.tableName("notes").key(key("n1")).returnValuesOnConditionCheckFailure("SOME"))),
                        "ReturnValuesOnConditionCheckFailure has a value this SDK version does not know; tenant-client cannot tell what DynamoDB would return for it"),
                Arguments.of(
                        call(c -> c.deleteItem(
                                b -> b.tableName("notes").key(key("n1")).expected(expected))),
                        "DeleteItem with the legacy parameter Expected cannot be confined by tenant-client; use ConditionExpression"),
                Arguments.of(
                        call(c -> c.query(b -> b.tableName("notes").keyConditions(condition))),
                        "Query with the legacy parameter KeyConditions cannot be confined by tenant-client; use KeyConditionExpression"),
                Arguments.of(
                        call(c -> c.query(b -> b.tableName("notes")
                                .keyConditionExpression("id = :i")
                                .expressionAttributeValues(Map.of(":i", AttributeValue.fromS("n1")))
                                .queryFilter(condition))),
                        "Query with the legacy parameter QueryFilter cannot be confined by tenant-client; use FilterExpression"),
                Arguments.of(
                        call(c -> c.query(b -> b.tableName("notes")
                                .keyConditionExpression("id = :i")
                                .expressionAttributeValues(Map.of(":i", AttributeValue.fromS("n1")))
                                .select("SOME"))),
                        "Select has a value this SDK version does not know; tenant-client cannot tell what DynamoDB would return for it"),
                Arguments.of(
                        call(c -> c.batchGetItem(b -> b.requestItems(Map.of(
                                "notes",
                                KeysAndAttributes.builder()
                                        .keys(List.of(key("n1")))
                                        .attributesToGet("id")
                                        .build())))),
                        "BatchGetItem with the legacy parameter AttributesToGet cannot be confined by tenant-client; use ProjectionExpression"));
    }

    private static Consumer<TenantDynamoDbClient> call(Consumer<TenantDynamoDbClient> call) {
        return call;
    }

    @ParameterizedTest
    @MethodSource("unconfinableParameters")
    void everyUnconfinableParameterIsRefusedBeforeSending(Consumer<TenantDynamoDbClient> call, String message) {
        assertThatThrownBy(() -> call.accept(client))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessage(message);
        assertThat(shared.sent).isEmpty();
    }
}
