/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.BatchWriteItemsResult;
import dev.tenantclient.Tenant;
import dev.tenantclient.internal.dynamodb.TableKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Batch operations retry what DynamoDB leaves unprocessed through the retry policy's backoff, a bounded number of
 * times, and hand back what is still unprocessed (the old code retried five times at once, then threw).
 */
class BatchRetryTest {

    /** An item with a string partition key. */
    static final class Item {
        private String id = "";

        Item() {}

        Item(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }

        static final TableSchema<Item> SCHEMA = StaticTableSchema.builder(Item.class)
                .newItemSupplier(Item::new)
                .addAttribute(
                        String.class,
                        a -> a.name("id")
                                .getter(Item::id)
                                .setter((i, v) -> i.id = v)
                                .tags(StaticAttributeTags.primaryPartitionKey()))
                .build();
    }

    /** Records each delay asked for, and waits none. */
    static final class RecordingBackoff implements BackoffStrategy {
        final List<Integer> attempts = new ArrayList<>();

        @Override
        public Duration computeDelay(int attempt) {
            attempts.add(attempt);
            return Duration.ZERO;
        }
    }

    /** A DynamoDB that leaves the first {@code throttled} batch calls' items unprocessed. */
    static final class ThrottlingDynamoDb implements DynamoDbClient {
        final AtomicInteger calls = new AtomicInteger();
        final int throttled;

        ThrottlingDynamoDb(int throttled) {
            this.throttled = throttled;
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            return calls.incrementAndGet() <= throttled
                    ? BatchWriteItemResponse.builder()
                            .unprocessedItems(request.requestItems())
                            .build()
                    : BatchWriteItemResponse.builder().build();
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            if (calls.incrementAndGet() <= throttled) {
                return BatchGetItemResponse.builder()
                        .unprocessedKeys(request.requestItems())
                        .build();
            }
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            for (KeysAndAttributes keys : request.requestItems().values()) {
                found.addAll(keys.keys());
            }
            return BatchGetItemResponse.builder()
                    .responses(Map.of("notes", found))
                    .build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    }

    private static DefaultTenantTable<Item> table(DynamoDbClient dynamoDb, BatchRetry retry) {
        DynamoDbEnhancedClient enhanced =
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
        return new DefaultTenantTable<>(
                enhanced,
                enhanced.table("notes", Item.SCHEMA),
                TableKeys.of("notes", Item.SCHEMA),
                new Tenant("acme", "user-1", Map.of("org", "acme")),
                retry);
    }

    @Test
    void batchWriteReturnsWhatStaysUnprocessedAfterBackedOffRetries() {
        ThrottlingDynamoDb dynamoDb = new ThrottlingDynamoDb(Integer.MAX_VALUE);
        RecordingBackoff backoff = new RecordingBackoff();

        BatchWriteItemsResult<Item> result = table(dynamoDb, new BatchRetry(backoff, 3))
                .batchWriteItems(
                        List.of(new Item("a"), new Item("b")),
                        List.of(Key.builder().partitionValue("c").build()));

        assertThat(dynamoDb.calls).hasValue(3);
        assertThat(backoff.attempts).containsExactly(1, 2);
        assertThat(result.complete()).isFalse();
        assertThat(result.unprocessedPuts()).extracting(Item::id).containsExactlyInAnyOrder("a", "b");
        assertThat(result.unprocessedDeletes())
                .containsExactly(Key.builder().partitionValue("c").build());
    }

    @Test
    void batchWriteRetriesAfterTheBackoffUntilProcessed() {
        ThrottlingDynamoDb dynamoDb = new ThrottlingDynamoDb(1);
        RecordingBackoff backoff = new RecordingBackoff();

        BatchWriteItemsResult<Item> result =
                table(dynamoDb, new BatchRetry(backoff, 3)).batchWriteItems(List.of(new Item("a")), List.of());

        assertThat(result.complete()).isTrue();
        assertThat(dynamoDb.calls).hasValue(2);
        assertThat(backoff.attempts).containsExactly(1);
    }

    @Test
    void batchGetAsksForUnprocessedKeysAgainAfterTheBackoff() {
        ThrottlingDynamoDb dynamoDb = new ThrottlingDynamoDb(1);
        RecordingBackoff backoff = new RecordingBackoff();

        List<Item> found = table(dynamoDb, new BatchRetry(backoff, 3))
                .batchGetItems(List.of(Key.builder().partitionValue("a").build()));

        assertThat(found).extracting(Item::id).containsExactly("a");
        assertThat(dynamoDb.calls).hasValue(2);
        assertThat(backoff.attempts).containsExactly(1);
    }
}
