/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantAsyncBucket;
import dev.tenantclient.TenantAsyncTable;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantBucket;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantObservations;
import dev.tenantclient.TenantSession;
import dev.tenantclient.TenantTable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.groups.Tuple;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Every request a session's tables and buckets send on the shared clients is observed as one
 * {@link TenantObservations#call}, with the tenant, the service and the SDK's operation name, and stopped with the
 * failure when it fails; a request the guard refuses never reaches the shared client and is not observed.
 */
@ExtendWith(NoSecretsInLogs.class)
class WrapperCallObservationTest {

    /** One observed call, as the observations saw it. */
    static final class Call implements TenantObservations.Observed {
        private final Tenant tenant;
        private final String service;
        private final String operation;
        private volatile boolean stopped;
        private volatile @Nullable Throwable failure;

        Call(Tenant tenant, String service, String operation) {
            this.tenant = tenant;
            this.service = service;
            this.operation = operation;
        }

        @Override
        public void stop(@Nullable Throwable failure) {
            this.failure = failure;
            this.stopped = true;
        }

        Tenant tenant() {
            return tenant;
        }

        String service() {
            return service;
        }

        String operation() {
            return operation;
        }

        boolean done() {
            return stopped;
        }

        @Nullable
        Throwable failure() {
            return failure;
        }

        @Override
        public String toString() {
            return service + ":" + operation + (stopped ? (failure == null ? " ok" : " failed") : " running");
        }
    }

    private static final List<Call> CALLS = new CopyOnWriteArrayList<>();

    private static final TenantObservations RECORDING = new TenantObservations() {
        @Override
        public Observed call(Tenant tenant, String service, String operation) {
            Call c = new Call(tenant, service, operation);
            CALLS.add(c);
            return c;
        }
    };

    private static LocalTenantStack stack;
    private static TenantClient client;
    private static String table;
    private static String bucket;

    private TenantSession acme;

    @BeforeAll
    static void start() {
        stack = TestStacks.shared();
        client = stack.clientBuilder().observations(RECORDING).build();
        table = Tables.createNotes(stack, "observed-notes");
        bucket = "observed-files";
        stack.adminS3Client().createBucket(r -> r.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @BeforeEach
    void session() {
        acme = client.session(stack.issueToken("acme", "alice"));
        CALLS.clear();
    }

    @Test
    void syncTableCallsAreObservedOnePerRequest() {
        TenantTable<Note> notes = acme.table(table, Tables.NOTES);

        notes.putItem(new Note("n-1", "1", "alice", "hello"));
        notes.getItem(Key.builder().partitionValue("n-1").sortValue("1").build());
        assertThat(notes.query(QueryConditional.keyEqualTo(k -> k.partitionValue("n-1")))
                        .items())
                .hasSize(1);

        assertThat(CALLS).extracting(Call::operation).containsExactly("PutItem", "GetItem", "Query");
        assertThat(CALLS).allSatisfy(c -> {
            assertThat(c.tenant()).isEqualTo(acme.tenant());
            assertThat(c.service()).isEqualTo("dynamodb");
            assertThat(c.done()).isTrue();
            assertThat(c.failure()).isNull();
        });
    }

    @Test
    void asyncTableCallsAreStoppedWhenTheirFutureCompletes() {
        TenantAsyncTable<Note> notes = acme.asyncTable(table, Tables.NOTES);

        notes.putItem(new Note("n-2", "1", "alice", "hello")).join();
        notes.getItem(Key.builder().partitionValue("n-2").sortValue("1").build())
                .join();

        await().until(() -> CALLS.size() == 2 && CALLS.stream().allMatch(Call::done));
        assertThat(CALLS)
                .extracting(Call::service, Call::operation)
                .containsExactly(Tuple.tuple("dynamodb", "PutItem"), Tuple.tuple("dynamodb", "GetItem"));
    }

    @Test
    void refusedRequestsNeverReachTheSharedClientAndAreNotObserved() {
        TenantBucket files = acme.bucket(bucket);

        assertThatThrownBy(() -> files.getObjectAsBytes("a.txt", o -> o.bucket("elsewhere")))
                .isInstanceOf(TenantBoundaryException.class);

        assertThat(CALLS).isEmpty();
    }

    @Test
    void bucketCallsAreObservedWithTheirFailure() {
        TenantBucket files = acme.bucket(bucket);

        files.putObject("a.txt", RequestBody.fromString("a"));
        assertThatThrownBy(() -> files.getObjectAsBytes("missing.txt")).isInstanceOf(NoSuchKeyException.class);

        assertThat(CALLS)
                .extracting(Call::service, Call::operation)
                .containsExactly(Tuple.tuple("s3", "PutObject"), Tuple.tuple("s3", "GetObject"));
        assertThat(CALLS.get(0).failure()).isNull();
        assertThat(CALLS.get(1).failure()).isInstanceOf(NoSuchKeyException.class);
        assertThat(CALLS).allSatisfy(c -> assertThat(c.tenant()).isEqualTo(acme.tenant()));
    }

    @Test
    void asyncBucketCallsAreStoppedWhenTheirFutureCompletes() {
        TenantAsyncBucket files = acme.asyncBucket(bucket);

        files.putObject("b.txt", AsyncRequestBody.fromString("b")).join();
        assertThatThrownBy(() -> files.headObject("missing.txt").join()).hasRootCauseInstanceOf(Exception.class);

        await().until(() -> CALLS.size() == 2 && CALLS.stream().allMatch(Call::done));
        assertThat(CALLS)
                .extracting(Call::service, Call::operation)
                .containsExactly(Tuple.tuple("s3", "PutObject"), Tuple.tuple("s3", "HeadObject"));
        assertThat(CALLS.get(0).failure()).isNull();
        assertThat(CALLS.get(1).failure()).isNotNull();
    }
}
