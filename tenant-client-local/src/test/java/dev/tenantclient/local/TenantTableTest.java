/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.TenantSession;
import dev.tenantclient.local.NotesTable.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.enhanced.dynamodb.Document;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * TenantTable and TenantAsyncTable against DynamoDB Local behind the IAM gateway, with the SDK's real clients: every
 * test runs on the sync and on the async path ({@link Mode}), which share one guard.
 */
@ExtendWith(NoSecretsInLogs.class)
class TenantTableTest {

    private static final AtomicInteger tables = new AtomicInteger();
    private static LocalTenantStack stack;
    private static LocalTenantStack userStack;
    private static TenantClient client;
    private static TenantClient userClient;
    private String table;
    private NotesTable<Note> acme;
    private NotesTable<Note> globex;

    @BeforeAll
    static void start() {
        stack = TestStacks.shared();
        client = stack.clientBuilder().build();
        userStack = TestStacks.user();
        userClient = userStack.clientBuilder().layout(TenantLayout.user()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        userClient.close();
    }

    private void freshTable(Mode mode) {
        table = Tables.createNotes(stack, "notes-" + tables.incrementAndGet());
        acme = mode.open(client.session(stack.issueToken("acme", "alice")), table, Tables.NOTES);
        globex = mode.open(client.session(stack.issueToken("globex", "bob")), table, Tables.NOTES);
    }

    private static Key key(String id) {
        return Key.builder().partitionValue(id).sortValue("0").build();
    }

    private long gatewayRequests() {
        return stack.gatewayAllowed() + stack.gatewayDenied();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void twoTenantsWithTheSameIdsEachReadTheirOwnItem(Mode mode) {
        freshTable(mode);
        acme.putItem(new Note("n-1", "0", "alice", "acme's note"));
        globex.putItem(new Note("n-1", "0", "bob", "globex's note"));

        Note a = acme.getItem(key("n-1"));
        Note g = globex.getItem(key("n-1"));

        assertThat(a.getId()).isEqualTo("n-1");
        assertThat(a.getText()).isEqualTo("acme's note");
        assertThat(g.getText()).isEqualTo("globex's note");
        assertThat(Tables.rawIds(stack, table)).containsExactlyInAnyOrder("acme#n-1", "globex#n-1");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void updateAndDeleteTouchOnlyTheCallersItem(Mode mode) {
        freshTable(mode);
        acme.putItem(new Note("n-1", "0", "alice", "keep"));
        globex.putItem(new Note("n-1", "0", "bob", "old"));

        Note updated = globex.updateItem(new Note("n-1", "0", "bob", "new"));
        Note deleted = globex.deleteItem(key("n-1"));

        assertThat(updated.getId()).isEqualTo("n-1");
        assertThat(updated.getText()).isEqualTo("new");
        assertThat(deleted.getText()).isEqualTo("new");
        assertThat(globex.getItem(key("n-1"))).isNull();
        assertThat(acme.getItem(key("n-1")).getText()).isEqualTo("keep");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void queryPagesStripThePrefixFromItemsAndLastEvaluatedKeys(Mode mode) {
        freshTable(mode);
        IntStream.range(0, 25).forEach(i -> acme.putItem(new Note("p", String.format("%02d", i), "alice", "x" + i)));
        globex.putItem(new Note("p", "00", "bob", "not yours"));

        List<Page<Note>> pages =
                acme.query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue("p")))
                        .limit(10));

        assertThat(pages.stream().mapToInt(p -> p.items().size()).sum()).isEqualTo(25);
        assertThat(pages.get(0).lastEvaluatedKey()).containsEntry("id", AttributeValue.fromS("p"));
        assertThat(pages.stream().flatMap(p -> p.items().stream()))
                .allSatisfy(n -> assertThat(n.getId()).isEqualTo("p"))
                .noneMatch(n -> n.getText().equals("not yours"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aGlobalIndexQueryIsScopedToTheTenant(Mode mode) {
        freshTable(mode);
        acme.putItem(new Note("a1", "0", "shared-owner", "acme"));
        acme.putItem(new Note("a2", "0", "shared-owner", "acme"));
        globex.putItem(new Note("g1", "0", "shared-owner", "globex"));

        List<Note> found =
                acme.queryIndex("byOwner", QueryConditional.keyEqualTo(k -> k.partitionValue("shared-owner"))).stream()
                        .flatMap(p -> p.items().stream())
                        .toList();

        assertThat(found).extracting(Note::getId).containsExactlyInAnyOrder("a1", "a2");
        assertThat(found).extracting(Note::getOwner).containsOnly("shared-owner");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void batchWriteAndGetStayInsideTheTenant(Mode mode) {
        freshTable(mode);
        List<Note> notes = new ArrayList<>();
        IntStream.range(0, 30).forEach(i -> notes.add(new Note("b" + i, "0", "alice", "batch")));
        acme.batchWriteItems(notes, List.of());
        List<Key> keys = IntStream.range(0, 30).mapToObj(i -> key("b" + i)).toList();

        assertThat(acme.batchGetItems(keys))
                .hasSize(30)
                .extracting(Note::getId)
                .containsExactlyInAnyOrderElementsOf(
                        notes.stream().map(Note::getId).toList());
        assertThat(globex.batchGetItems(keys)).isEmpty();

        acme.batchWriteItems(List.of(), keys.subList(0, 10));
        assertThat(acme.batchGetItems(keys)).hasSize(20);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void transactionsWriteAndReadInsideTheTenant(Mode mode) {
        freshTable(mode);
        acme.transactWriteItems(t -> t.addPutItem(acme.mappedTable(), new Note("t1", "0", "alice", "one"))
                .addPutItem(acme.mappedTable(), new Note("t2", "0", "alice", "two")));

        List<Document> docs = globex.transactGetItems(t -> t.addGetItem(globex.mappedTable(), key("t1")));
        List<Document> mine = acme.transactGetItems(
                t -> t.addGetItem(acme.mappedTable(), key("t1")).addGetItem(acme.mappedTable(), key("t2")));

        assertThat(docs.get(0).getItem(globex.mappedTable())).isNull();
        assertThat(mine).extracting(d -> d.getItem(acme.mappedTable()).getId()).containsExactly("t1", "t2");
        assertThat(Tables.rawIds(stack, table)).containsExactlyInAnyOrder("acme#t1", "acme#t2");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailedConditionIsTheSdksException(Mode mode) {
        freshTable(mode);
        acme.putItem(new Note("c1", "0", "alice", "first"));

        assertThatThrownBy(() -> acme.putItem(PutItemEnhancedRequest.builder(Note.class)
                        .item(new Note("c1", "0", "alice", "second"))
                        .conditionExpression(Expression.builder()
                                .expression("attribute_not_exists(id)")
                                .build())
                        .build()))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(acme.getItem(key("c1")).getText()).isEqualTo("first");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anotherTenantsPrefixInAnIdIsRefusedBeforeAnyRequest(Mode mode) {
        freshTable(mode);
        globex.putItem(new Note("x", "0", "bob", "globex secret"));
        long before = gatewayRequests();

        assertThatThrownBy(() -> acme.getItem(key("globex#x")))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("separator");
        assertThatThrownBy(() -> acme.putItem(new Note("globex#x", "0", "alice", "overwrite")))
                .isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> acme.deleteItem(key("globex#x"))).isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> acme.query(QueryConditional.keyEqualTo(k -> k.partitionValue("globex#x"))))
                .isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() ->
                        acme.queryIndex("byOwner", QueryConditional.keyEqualTo(k -> k.partitionValue("globex#bob"))))
                .isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> acme.batchGetItems(List.of(key("x"), key("globex#x"))))
                .isInstanceOf(TenantBoundaryException.class);

        assertThat(gatewayRequests()).isEqualTo(before);
        assertThat(globex.getItem(key("x")).getText()).isEqualTo("globex secret");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anUnknownIndexIsRefused(Mode mode) {
        freshTable(mode);
        assertThatThrownBy(() -> acme.index("byNothing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("byNothing");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theUserLayoutFillsThePartitionKeyAndRefusesAnotherUsers(Mode mode) {
        freshTable(mode);
        String userTable = Tables.createNotes(userStack, table); // the user layout has a stack of its own
        TenantSession alice = userClient.session(userStack.issueToken("acme", "u-alice"));
        NotesTable<Note> notes = mode.open(alice, userTable, Tables.NOTES);

        notes.putItem(new Note(null, "1", "u-alice", "mine"));

        assertThat(notes.getItem(Key.builder()
                                .partitionValue("u-alice")
                                .sortValue("1")
                                .build())
                        .getText())
                .isEqualTo("mine");
        assertThat(Tables.rawIds(userStack, userTable)).containsExactly("u-alice");
        assertThatThrownBy(() -> notes.putItem(new Note("u-bob", "1", "u-alice", "not mine")))
                .isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> notes.getItem(
                        Key.builder().partitionValue("u-bob").sortValue("1").build()))
                .isInstanceOf(TenantBoundaryException.class);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anIndexEntryWhoseTableKeyLacksTheTenantsPrefixIsNeverReturned(Mode mode) {
        freshTable(mode);
        // a row written around the library, in the tenant's GSI partition but without its prefix on the key
        stack.adminDynamoDbClient()
                .putItem(r -> r.tableName(table)
                        .item(Map.of(
                                "id",
                                AttributeValue.fromS("stray"),
                                "seq",
                                AttributeValue.fromS("0"),
                                "owner",
                                AttributeValue.fromS("acme#o"))));

        assertThat(acme.queryIndex("byOwner", QueryConditional.keyEqualTo(k -> k.partitionValue("o"))).stream()
                        .flatMap(p -> p.items().stream())
                        .toList())
                .isEmpty();
    }
}
