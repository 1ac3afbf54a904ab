/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.BoundaryListener;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import dev.tenantclient.TenantTable;
import dev.tenantclient.internal.dynamodb.PartitionKeys;
import dev.tenantclient.internal.dynamodb.TenantDynamoDbClient;
import dev.tenantclient.local.NotesTable.Mode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.UpdateBehavior;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The attacks of issue 16 on the DynamoDB side, on the local stack (DynamoDB Local behind the IAM gateway) with
 * the SDK's real clients: a tenant who controls ids, item values and its own raw credentials tries to write into,
 * read from, or break another tenant's partitions and index partitions.
 */
@ExtendWith(NoSecretsInLogs.class)
class DynamoDbAttackTest {

    private static final AtomicInteger tables = new AtomicInteger();
    private static LocalTenantStack stack;
    private static TenantClient client;
    private static DynamoDbClient toGateway;
    private String table;
    private TenantSession acmeSession;
    private TenantSession globexSession;

    /** The test item with its index key written only when absent: the Enhanced Client's {@code if_not_exists}. */
    static final TableSchema<Note> FIRST_OWNER = notesSchema(
            true,
            StaticAttributeTags.secondaryPartitionKey("byOwner"),
            StaticAttributeTags.updateBehavior(UpdateBehavior.WRITE_IF_NOT_EXISTS));

    @BeforeAll
    static void start() {
        stack = TestStacks.shared();
        client = stack.clientBuilder().build();
        toGateway = DynamoDbClient.builder()
                .region(LocalTenantStack.REGION)
                .endpointOverride(stack.dynamoDbEndpoint())
                .build();
    }

    @AfterAll
    static void stop() {
        toGateway.close();
        client.close();
    }

    @BeforeEach
    void freshTable() {
        table = Tables.createNotes(stack, "attack-" + tables.incrementAndGet());
        acmeSession = client.session(stack.issueToken("acme", "alice"));
        globexSession = client.session(stack.issueToken("globex", "bob"));
    }

    private long gatewayRequests() {
        return stack.gatewayAllowed() + stack.gatewayDenied();
    }

    private List<Map<String, AttributeValue>> rawItems() {
        return stack.adminDynamoDbClient().scanPaginator(r -> r.tableName(table)).items().stream()
                .toList();
    }

    private List<String> rawOwners() {
        return rawItems().stream()
                .filter(i -> i.containsKey("owner"))
                .map(i -> i.get("owner").s())
                .toList();
    }

    private static List<String> ownerIndexIds(NotesTable<Note> notes, String owner) {
        return notes.queryIndex("byOwner", QueryConditional.keyEqualTo(k -> k.partitionValue(owner))).stream()
                .flatMap(p -> p.items().stream())
                .map(Note::getId)
                .toList();
    }

    // ------------------------------------------------------------------------------------ 1: update expressions

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anIfNotExistsIndexKeyIsStoredWithTheTenantPrefix(Mode mode) {
        NotesTable<Note> acme = mode.open(acmeSession, table, FIRST_OWNER);

        Note back = acme.updateItem(new Note("n-1", "0", "bob", "x"));

        assertThat(back.getOwner()).isEqualTo("bob");
        assertThat(rawOwners()).containsExactly("acme#bob");
        assertThat(ownerIndexIds(mode.open(acmeSession, table, Tables.NOTES), "bob"))
                .containsExactly("n-1");
        assertThat(ownerIndexIds(mode.open(globexSession, table, Tables.NOTES), "bob"))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anotherTenantsIndexKeyInAnIfNotExistsUpdateIsRefusedBeforeSending(Mode mode) {
        NotesTable<Note> acme = mode.open(acmeSession, table, FIRST_OWNER);
        acme.putItem(new Note("warm-up", "0", "alice", "credentials cached"));
        long before = gatewayRequests();

        assertThatThrownBy(() -> acme.updateItem(new Note("n-1", "0", "globex#bob", "planted")))
                .isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> acme.transactWriteItems(
                        t -> t.addUpdateItem(acme.mappedTable(), new Note("n-2", "0", "globex#bob", "planted"))))
                .isInstanceOf(TenantBoundaryException.class);

        assertThat(gatewayRequests()).isEqualTo(before);
        assertThat(rawOwners()).containsExactly("acme#alice");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTransactionUpdateWithIfNotExistsPrefixesTheIndexKey(Mode mode) {
        NotesTable<Note> acme = mode.open(acmeSession, table, FIRST_OWNER);

        acme.transactWriteItems(t -> t.addUpdateItem(acme.mappedTable(), new Note("n-1", "0", "bob", "x")));

        assertThat(rawOwners()).containsExactly("acme#bob");
    }

    /** A session's guard on the gateway, for request shapes the Enhanced Client does not build itself. */
    private TenantDynamoDbClient guardOf(TenantSession session) {
        TenantDynamoDbClient guard = new TenantDynamoDbClient(
                toGateway, session.credentialsProvider(), new PartitionKeys(session.layout(), session.tenant()));
        guard.register(table, Tables.NOTES);
        return guard;
    }

    private static final Map<String, String> NAMES = Map.of("#i", "id", "#o", "owner", "#t", "text");

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id), "seq", AttributeValue.fromS("0"));
    }

    static Stream<Arguments> updatesTheGuardRefuses() {
        AttributeValue bob = AttributeValue.fromS("bob");
        AttributeValue list = AttributeValue.fromL(List.of(bob));
        return Stream.of(
                Arguments.of("SET #o = :v + :w", Map.of(":v", bob, ":w", bob)),
                Arguments.of("SET #o = :v - :w", Map.of(":v", bob, ":w", bob)),
                Arguments.of("SET #o = list_append(:v, :w)", Map.of(":v", list, ":w", list)),
                Arguments.of("SET #o = #t", Map.of()),
                Arguments.of("SET #o = if_not_exists(#t, :v)", Map.of(":v", bob)),
                Arguments.of("SET #o = if_not_exists(#o, :v) + :w", Map.of(":v", bob, ":w", bob)),
                Arguments.of("set #o = IF_NOT_EXISTS(#o, list_append(:v, :w))", Map.of(":v", list, ":w", list)),
                Arguments.of("SET #o.x = :v", Map.of(":v", bob)),
                Arguments.of("SET #o[0] = :v", Map.of(":v", bob)),
                Arguments.of("ADD #o :v", Map.of(":v", AttributeValue.fromSs(List.of("bob")))),
                Arguments.of("DELETE #o :v", Map.of(":v", AttributeValue.fromSs(List.of("bob")))),
                Arguments.of("SET #o = if_not_exists(#o, :v), #t = :v", Map.of(":v", bob)),
                Arguments.of("SET #t = #o", Map.of()),
                Arguments.of("SET #o = :v", Map.of(":v", AttributeValue.fromN("7"))),
                Arguments.of("SET #o = :v", Map.of(":v", AttributeValue.fromS("globex#bob"))),
                Arguments.of("SET owner = if_not_exists(owner, :v)", Map.of(":v", AttributeValue.fromS("globex#bob"))),
                Arguments.of("SET #o = :missing", Map.of(":v", bob)),
                Arguments.of("SET #undefined = :v", Map.of(":v", bob)),
                Arguments.of("SET #o = size(:v)", Map.of(":v", bob)),
                Arguments.of("SET #o = :v; REMOVE #t", Map.of(":v", bob)),
                Arguments.of("SET #o = :v REMOVE #i", Map.of(":v", bob)),
                Arguments.of("REMOVE #o.x", Map.of()),
                Arguments.of("SET #o = :v,", Map.of(":v", bob)),
                Arguments.of("", Map.of()));
    }

    @ParameterizedTest
    @MethodSource("updatesTheGuardRefuses")
    void anUpdateExpressionTheGuardCannotConfineIsRefusedBeforeSending(
            String expression, Map<String, AttributeValue> values) {
        TenantDynamoDbClient acme = guardOf(acmeSession);
        acme.putItem(r -> r.tableName(table).item(key("n-1")));
        long before = gatewayRequests();

        assertThatThrownBy(() -> acme.updateItem(r -> {
                    r.tableName(table).key(key("n-1")).updateExpression(expression);
                    r.expressionAttributeNames(NAMES);
                    if (!values.isEmpty()) {
                        r.expressionAttributeValues(values);
                    }
                }))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageNotContaining("globex");
        assertThatThrownBy(() -> acme.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                        .update(u -> {
                            u.tableName(table).key(key("n-1")).updateExpression(expression);
                            u.expressionAttributeNames(NAMES);
                            if (!values.isEmpty()) {
                                u.expressionAttributeValues(values);
                            }
                        })
                        .build())))
                .isInstanceOf(TenantBoundaryException.class);

        assertThat(gatewayRequests()).isEqualTo(before);
        assertThat(rawItems()).singleElement().satisfies(i -> assertThat(i).doesNotContainKey("owner"));
    }

    static Stream<Arguments> updatesTheGuardPrefixes() {
        AttributeValue bob = AttributeValue.fromS("bob");
        AttributeValue text = AttributeValue.fromS("some text");
        return Stream.of(
                Arguments.of("SET #o = :v", Map.of(":v", bob)),
                Arguments.of("set #o=:v", Map.of(":v", bob)),
                Arguments.of("SET #o = if_not_exists(#o, :v)", Map.of(":v", bob)),
                Arguments.of("SET #o = if_not_exists ( #o , :v )", Map.of(":v", bob)),
                Arguments.of("SET #t = :w, #o = :v REMOVE #x", Map.of(":v", bob, ":w", text)),
                Arguments.of("REMOVE #x SET #t = if_not_exists(#t, :w), #o = :v", Map.of(":v", bob, ":w", text)));
    }

    @ParameterizedTest
    @MethodSource("updatesTheGuardPrefixes")
    void everyFormOfAssignmentToATenantAttributeIsPrefixed(String expression, Map<String, AttributeValue> values) {
        TenantDynamoDbClient acme = guardOf(acmeSession);
        Map<String, String> names = new HashMap<>();
        for (String alias : List.of("#i", "#o", "#t")) {
            if (expression.contains(alias)) {
                names.put(alias, NAMES.get(alias));
            }
        }
        if (expression.contains("#x")) {
            names.put("#x", "owner.x"); // an attribute whose name has a dot: not the tenant attribute
        }

        acme.updateItem(r -> {
            r.tableName(table).key(key("n-1")).updateExpression(expression).expressionAttributeValues(values);
            if (!names.isEmpty()) {
                r.expressionAttributeNames(names);
            }
        });

        assertThat(rawOwners()).containsExactly("acme#bob");
        assertThat(rawItems()).singleElement().satisfies(i -> {
            if (values.containsKey(":w")) {
                assertThat(i.get("text").s()).isEqualTo("some text");
            }
        });
    }

    // ------------------------------------------------------------------------------------ 3: first schema wins

    /** The notes table's items, with {@code owner} declared as a plain attribute (no index) or left out. */
    private static TableSchema<Note> notesWithout(boolean indexKey, boolean owner) {
        return indexKey ? notesSchema(owner, StaticAttributeTags.secondaryPartitionKey("byOwner")) : notesSchema(owner);
    }

    /** The notes table's items as a static schema, with {@code owner} carrying the given tags, or left out. */
    private static TableSchema<Note> notesSchema(boolean owner, StaticAttributeTag... ownerTags) {
        StaticTableSchema.Builder<Note> b = StaticTableSchema.builder(Note.class)
                .newItemSupplier(Note::new)
                .addAttribute(
                        String.class,
                        a -> a.name("id")
                                .getter(Note::getId)
                                .setter(Note::setId)
                                .tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name("seq")
                                .getter(Note::getSeq)
                                .setter(Note::setSeq)
                                .tags(StaticAttributeTags.primarySortKey()))
                .addAttribute(
                        String.class, a -> a.name("text").getter(Note::getText).setter(Note::setText));
        if (owner) {
            b.addAttribute(
                    String.class,
                    a -> a.name("owner")
                            .getter(Note::getOwner)
                            .setter(Note::setOwner)
                            .tags(ownerTags));
        }
        return b.build();
    }

    @Test
    void aSchemaStoringAnIndexKeyAsAPlainAttributeConflictsWithTheIndexedSchemaInEitherOrder() {
        TableSchema<Note> plainOwner = notesWithout(false, true);
        acmeSession.table(table, plainOwner);

        assertThatThrownBy(() -> acmeSession.table(table, Tables.NOTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'owner'");
        assertThatThrownBy(() -> globexSession.table(table, Tables.NOTES))
                .as("another session of the same client")
                .isInstanceOf(IllegalArgumentException.class);

        String indexedFirst = Tables.createNotes(stack, table + "-indexed-first");
        acmeSession.table(indexedFirst, Tables.NOTES);
        assertThatThrownBy(() -> globexSession.table(indexedFirst, plainOwner))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'owner'");
    }

    @Test
    void aSchemaThatLeavesTheIndexKeyOutSharesTheTableAndNeverStoresItRaw() {
        TenantTable<Note> textOnly = acmeSession.table(table, notesWithout(false, false));
        TenantTable<Note> indexed = acmeSession.table(table, notesWithout(true, true));

        indexed.putItem(new Note("n-1", "0", "bob", "x"));
        textOnly.updateItem(new Note("n-1", "0", null, "y"));
        textOnly.putItem(new Note("n-2", "0", "globex#bob", "ignored owner"));

        assertThat(rawOwners()).containsExactly("acme#bob");
        assertThat(indexed.getItem(r -> r.key(k -> k.partitionValue("n-1").sortValue("0")))
                        .getText())
                .isEqualTo("y");
    }

    // ------------------------------------------------------------------------------------ 2: planted index entries

    /** A tenant's own credentials on a raw SDK client, as anyone holding its token can get them from Cognito. */
    private static DynamoDbClient rawClientOf(TenantSession session) {
        return DynamoDbClient.builder()
                .region(LocalTenantStack.REGION)
                .endpointOverride(stack.dynamoDbEndpoint())
                .credentialsProvider(session.credentialsProvider())
                .build();
    }

    /** Acme, with its own credentials and no library, puts its own table keys with globex's index key. */
    private void acmePlantsInGlobexsIndexPartition(int count) {
        try (DynamoDbClient raw = rawClientOf(acmeSession)) {
            for (int i = 0; i < count; i++) {
                String id = "acme#planted-" + i;
                raw.putItem(r -> r.tableName(table)
                        .item(Map.of(
                                "id", AttributeValue.fromS(id),
                                "seq", AttributeValue.fromS("0"),
                                "owner", AttributeValue.fromS("globex#bob"),
                                "text", AttributeValue.fromS("planted by acme"))));
            }
        }
    }

    @Test
    void itemsPlantedInAnotherTenantsIndexPartitionAreDroppedCountedAndNeverThrown() {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (TenantClient listened = stack.clientBuilder()
                .boundaryListener(new BoundaryListener() {
                    @Override
                    public void foreignItemsDropped(String tableName, String index, int count) {
                        heard.add(index + ":" + count);
                    }
                })
                .build()) {
            TenantTable<Note> globex =
                    listened.session(stack.issueToken("globex", "bob")).table(table, Tables.NOTES);
            globex.putItem(new Note("g-1", "0", "bob", "globex's own"));
            acmePlantsInGlobexsIndexPartition(3);
            int logLines = CapturingAppender.lines().size();

            assertThat(ownerIndexIds(new NotesTable.Sync<>(globex), "bob")).containsExactly("g-1");

            assertThat(listened.foreignItemsDropped()).isEqualTo(3);
            assertThat(heard).containsExactly("byOwner:3");
            List<String> logged = CapturingAppender.lines()
                    .subList(logLines, CapturingAppender.lines().size());
            assertThat(logged).anySatisfy(l -> assertThat(l).contains("Dropped 3 item(s)"));
            assertThat(logged).noneSatisfy(l -> assertThat(l).containsAnyOf("planted by acme", "acme#", "globex#"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aProjectionWithoutTheIndexKeyOrTheTableKeyStillDropsPlantedItems(Mode mode) {
        NotesTable<Note> globex = mode.open(globexSession, table, Tables.NOTES);
        globex.putItem(new Note("g-1", "0", "bob", "globex's own"));
        acmePlantsInGlobexsIndexPartition(2);

        List<Note> found = globex
                .queryIndex(
                        "byOwner",
                        r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue("bob")))
                                .attributesToProject("text"))
                .stream()
                .flatMap(p -> p.items().stream())
                .toList();

        assertThat(found).extracting(Note::getText).containsExactly("globex's own");
        assertThat(found).extracting(Note::getId).containsOnlyNulls();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pagingThroughAnIndexPartitionFullOfPlantedItemsReachesEveryOwnItemAndEnds(Mode mode) {
        NotesTable<Note> globex = mode.open(globexSession, table, Tables.NOTES);
        globex.putItem(new Note("g-1", "0", "bob", "one"));
        globex.putItem(new Note("g-2", "0", "bob", "two"));
        acmePlantsInGlobexsIndexPartition(5);

        for (int limit = 1; limit <= 3; limit++) {
            int pageSize = limit;
            List<Page<Note>> pages = globex.queryIndex(
                    "byOwner",
                    r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue("bob")))
                            .limit(pageSize));

            assertThat(pages.stream().flatMap(p -> p.items().stream()))
                    .extracting(Note::getId)
                    .containsExactlyInAnyOrder("g-1", "g-2");
            assertThat(pages).allSatisfy(p -> assertThat(p.items()).hasSizeLessThanOrEqualTo(pageSize));
        }
    }

    // ------------------------------------------------------------------------------------ items in failed conditions

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theItemAFailedConditionReturnsHasApplicationIds(Mode mode) {
        NotesTable<Note> acme = mode.open(acmeSession, table, Tables.NOTES);
        acme.putItem(new Note("c-1", "0", "bob", "first"));
        Expression notThere =
                Expression.builder().expression("attribute_not_exists(id)").build();

        assertThatThrownBy(() -> acme.putItem(PutItemEnhancedRequest.builder(Note.class)
                        .item(new Note("c-1", "0", "bob", "second"))
                        .conditionExpression(notThere)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build()))
                .isInstanceOfSatisfying(
                        ConditionalCheckFailedException.class,
                        e -> assertThat(e.item())
                                .containsEntry("id", AttributeValue.fromS("c-1"))
                                .containsEntry("owner", AttributeValue.fromS("bob"))
                                .containsEntry("text", AttributeValue.fromS("first")));

        assertThatThrownBy(() -> acme.transactWriteItems(t -> t.addPutItem(
                        acme.mappedTable(),
                        TransactPutItemEnhancedRequest.builder(Note.class)
                                .item(new Note("c-1", "0", "bob", "second"))
                                .conditionExpression(notThere)
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                .build())))
                .isInstanceOfSatisfying(
                        TransactionCanceledException.class,
                        e -> assertThat(e.cancellationReasons())
                                .singleElement()
                                .satisfies(r -> assertThat(r.item())
                                        .containsEntry("id", AttributeValue.fromS("c-1"))
                                        .containsEntry("owner", AttributeValue.fromS("bob"))));
    }

    // ------------------------------------------------------------------------------------ the guard fails closed

    @Test
    void legacyParametersAndUnknownEnumValuesAreRefusedBeforeSending() {
        TenantDynamoDbClient acme = guardOf(acmeSession);
        acme.putItem(r -> r.tableName(table).item(key("n-1")));
        long before = gatewayRequests();
        AttributeValue planted = AttributeValue.fromS("globex#bob");

        assertThatThrownBy(() -> acme.updateItem(r -> r.tableName(table)
                        .key(key("n-1"))
                        .attributeUpdates(Map.of(
                                "owner",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.PUT)
                                        .value(planted)
                                        .build()))))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("AttributeUpdates");
        assertThatThrownBy(() -> acme.putItem(r -> r.tableName(table)
                        .item(key("n-2"))
                        .expected(Map.of(
                                "owner",
                                ExpectedAttributeValue.builder().value(planted).build()))))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("Expected");
        assertThatThrownBy(() -> acme.query(r -> r.tableName(table)
                        .indexName("byOwner")
                        .keyConditionExpression("#o = :o")
                        .expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("bob")))
                        .attributesToGet("text")))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("AttributesToGet");
        assertThatThrownBy(() -> acme.updateItem(r -> r.tableName(table)
                        .key(key("n-1"))
                        .updateExpression("SET #t = :t")
                        .expressionAttributeNames(Map.of("#t", "text"))
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("x")))
                        .returnValues("ALL_OF_THEM")))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("ReturnValues");
        assertThatThrownBy(() -> acme.query(r -> r.tableName(table)
                        .indexName("byOwner")
                        .keyConditionExpression("#o = :o")
                        .expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("bob")))
                        .select(Select.COUNT)))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("COUNT");
        assertThatThrownBy(() ->
                        acme.getItem(r -> r.tableName(table).key(key("n-1")).projectionExpression("text; owner")))
                .isInstanceOf(TenantBoundaryException.class);

        assertThat(gatewayRequests()).isEqualTo(before);
        assertThat(rawOwners()).isEmpty();
    }
}
