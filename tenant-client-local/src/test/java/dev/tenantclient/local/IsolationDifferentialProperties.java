/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantBucket;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.TenantSession;
import dev.tenantclient.TenantTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The differential isolation proof: operation sequences, generated from a fixed seed, across three tenants and both layouts run
 * through the wrappers against the IAM-enforcing gateway. Every authorization a wrapper's request needs must be
 * allowed for its owner, and the same authorization must be denied for every other tenant's principal tags.
 */
class IsolationDifferentialProperties {

    private static final Logger log = LoggerFactory.getLogger(IsolationDifferentialProperties.class);
    private static final String TABLE = "differential-notes";
    private static final String BUCKET = "differential-files";
    private static final String[][] USERS = {{"acme", "alice"}, {"globex", "bob"}, {"initech", "carol"}};

    /** [layout]: org() on the shared stack, user() on a stack of its own (the two layouts overlap). */
    private static final List<LocalTenantStack> stacks = new ArrayList<>();

    private static final List<TenantClient> clients = new ArrayList<>();
    private static final List<TenantSession> sessions = new ArrayList<>(); // [layout * 3 + user]
    private static final List<Map<String, String>> tags = new ArrayList<>();
    private static final ConcurrentLinkedQueue<StackPolicies.Evaluated> recorded = new ConcurrentLinkedQueue<>();
    private static final LongAdder operations = new LongAdder();
    private static final LongAdder ownerAllowed = new LongAdder();
    private static final LongAdder ownerChecks = new LongAdder();
    private static final LongAdder othersDenied = new LongAdder();
    private static final LongAdder othersChecks = new LongAdder();

    enum Kind {
        PUT_ITEM,
        GET_ITEM,
        UPDATE_ITEM,
        DELETE_ITEM,
        QUERY,
        QUERY_INDEX,
        BATCH_GET,
        BATCH_WRITE,
        TRANSACT_WRITE,
        PUT_OBJECT,
        GET_OBJECT,
        HEAD_OBJECT,
        LIST,
        LIST_FOLDERS,
        COPY,
        DELETE_OBJECTS,
        UPLOAD_PARTS
    }

    record Op(int user, int layout, Kind kind, String id) {}

    @BeforeAll
    static void start() {
        stacks.add(TestStacks.shared());
        stacks.add(TestStacks.user());
        List<TenantLayout> layouts = List.of(TenantLayout.org(), TenantLayout.user());
        for (int layout = 0; layout < layouts.size(); layout++) {
            LocalTenantStack stack = stacks.get(layout);
            Tables.createNotes(stack, TABLE);
            stack.adminS3Client().createBucket(r -> r.bucket(BUCKET));
            TenantClient client =
                    stack.clientBuilder().layout(layouts.get(layout)).build();
            clients.add(client);
            for (String[] user : USERS) {
                sessions.add(client.session(stack.issueToken(user[0], user[1])));
            }
            stack.policies().record(recorded::add);
        }
        for (String[] user : USERS) {
            tags.add(Map.of("org", user[0], "username", user[1]));
        }
    }

    @AfterAll
    static void stop() {
        stacks.forEach(s -> s.policies().record(null));
        clients.forEach(TenantClient::close);
        log.info(
                "Differential isolation: {} operations; {} of {} owner authorizations allowed; {} of {} replays for"
                        + " other tenants denied",
                operations.sum(),
                ownerAllowed.sum(),
                ownerChecks.sum(),
                othersDenied.sum(),
                othersChecks.sum());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("sequences")
    void everyWrapperRequestIsAllowedForItsOwnerAndDeniedForEveryOtherTenant(List<Op> ops) {
        for (Op op : ops) {
            recorded.clear();
            run(op);
            operations.increment();
            List<StackPolicies.Evaluated> evaluated = List.copyOf(recorded);
            assertThat(evaluated).as("authorizations recorded for %s", op).isNotEmpty();
            for (StackPolicies.Evaluated e : evaluated) {
                ownerChecks.increment();
                assertThat(e.allowed()).as("owner allowed: %s", e.request()).isTrue();
                ownerAllowed.increment();
                for (int other = 0; other < USERS.length; other++) {
                    if (other == op.user()) {
                        continue;
                    }
                    othersChecks.increment();
                    assertThat(stacks.get(op.layout()).policies().allows(e.request(), tags.get(other)))
                            .as("%s replayed for %s", e.request(), USERS[other][1])
                            .isFalse();
                    othersDenied.increment();
                }
            }
        }
    }

    private static void run(Op op) {
        TenantSession session = sessions.get(op.layout() * USERS.length + op.user());
        TenantTable<Note> table = session.table(TABLE, Tables.NOTES);
        TenantBucket bucket = session.bucket(BUCKET);
        String id = op.layout() == 1 ? session.tenant().subject() : op.id();
        // in the exact layout every tenant-keyed attribute (the GSI's partition key too) is the user's own value
        String owner = op.layout() == 1 ? session.tenant().subject() : "owner-" + op.id();
        Key key = Key.builder().partitionValue(id).sortValue("0").build();
        switch (op.kind()) {
            case PUT_ITEM -> table.putItem(new Note(id, "0", owner, "text"));
            case GET_ITEM -> table.getItem(key);
            case UPDATE_ITEM -> table.updateItem(new Note(id, "0", owner, "updated"));
            case DELETE_ITEM -> table.deleteItem(key);
            case QUERY ->
                table.query(QueryConditional.keyEqualTo(k -> k.partitionValue(id)))
                        .items()
                        .forEach(item -> {}); // pages are fetched as they are iterated
            case QUERY_INDEX ->
                table.index("byOwner")
                        .query(QueryConditional.keyEqualTo(k -> k.partitionValue(owner)))
                        .forEach(page -> {});
            case BATCH_GET ->
                table.batchGetItems(List.of(
                        key, Key.builder().partitionValue(id).sortValue("1").build()));
            case BATCH_WRITE -> table.batchWriteItems(List.of(new Note(id, "1", owner, "b")), List.of());
            case TRANSACT_WRITE ->
                table.transactWriteItems(t -> t.addPutItem(table.mappedTable(), new Note(id, "2", owner, "t")));
            case PUT_OBJECT -> bucket.putObject("docs/" + op.id(), RequestBody.fromString("x"));
            case GET_OBJECT -> {
                try {
                    bucket.getObjectAsBytes("docs/" + op.id());
                } catch (NoSuchKeyException absent) {
                    // allowed by IAM, absent in S3: still a request the owner may make
                }
            }
            case HEAD_OBJECT -> {
                try {
                    bucket.headObject("docs/" + op.id());
                } catch (NoSuchKeyException absent) {
                    // as above
                }
            }
            case LIST -> bucket.listObjects("docs/").forEach(page -> {}); // lazy: iterate to send
            case LIST_FOLDERS -> bucket.listObjects("", "/").forEach(page -> {});
            case COPY -> {
                bucket.putObject("docs/" + op.id(), RequestBody.fromString("x"));
                bucket.copyObject("docs/" + op.id(), "copies/" + op.id());
            }
            case DELETE_OBJECTS -> bucket.deleteObjects(List.of("docs/" + op.id(), "copies/" + op.id()));
            case UPLOAD_PARTS -> bucket.deleteObject("uploads/" + op.id());
        }
    }

    static Stream<List<Op>> sequences() {
        Random random = new Random(23);
        Kind[] kinds = Kind.values();
        List<String> ids = List.of("n-1", "n-2", "shared", "ü-3");
        return Stream.generate(() -> {
                    List<Op> ops = new ArrayList<>();
                    int size = 1 + random.nextInt(8);
                    for (int i = 0; i < size; i++) {
                        ops.add(new Op(
                                random.nextInt(3),
                                random.nextInt(2),
                                kinds[random.nextInt(kinds.length)],
                                ids.get(random.nextInt(ids.size()))));
                    }
                    return List.copyOf(ops);
                })
                .limit(40);
    }
}
