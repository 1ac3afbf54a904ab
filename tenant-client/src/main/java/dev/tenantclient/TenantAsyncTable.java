/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import dev.tenantclient.internal.dynamodb.TableKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.Document;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.MappedTableResource;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PagePublisher;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactGetItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

/**
 * A DynamoDB table seen through one tenant, asynchronously: the async Enhanced Client's {@code DynamoDbAsyncTable}
 * operations with the same confinement as {@link TenantTable} — the tenant's prefix added to every partition key on
 * the way out and removed on the way back, every low-level request checked by the same guard. Obtain with
 * {@link TenantSession#asyncTable(String, TableSchema)}.
 *
 * <pre>{@code
 * TenantAsyncTable<Note> notes = session.asyncTable("notes", TableSchema.fromBean(Note.class));
 * notes.putItem(note)                                          // note.id "n-1" is stored as "acme#n-1"
 *     .thenCompose(v -> notes.getItem(Key.builder().partitionValue("n-1").build()))
 *     .thenAccept(back -> ...);                                // back.id is "n-1"
 * }</pre>
 *
 * <p>Every operation returns at once. A request the tenant boundary refuses (another tenant's prefix in an id, an
 * expression the guard cannot confine) is sent nowhere and fails the returned future with a
 * {@link TenantBoundaryException}; service errors fail it with the SDK's own exceptions; credentials failures with
 * {@link CredentialsUnavailableException} or {@link InvalidTenantTokenException}. Nothing blocks the calling thread,
 * including a first request for a token (its Cognito exchange runs on the credentials cache's executor). Futures
 * complete on the SDK's future-completion executor. There is no {@code scan}: IAM cannot confine one.
 *
 * <p>Cheap to create and thread-safe.
 *
 * @param <T> the item type
 */
public final class TenantAsyncTable<T> {

    private static final int BATCH_GET_LIMIT = 100;
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int BATCH_WRITE_ATTEMPTS = 5;

    private final DynamoDbEnhancedAsyncClient enhanced;
    private final DynamoDbAsyncTable<T> table;
    private final TableKeys keys;
    private final Tenant tenant;

    TenantAsyncTable(DynamoDbEnhancedAsyncClient enhanced, DynamoDbAsyncTable<T> table, TableKeys keys, Tenant tenant) {
        this.enhanced = enhanced;
        this.table = table;
        this.keys = keys;
        this.tenant = tenant;
    }

    /** @return the table's name */
    public String tableName() {
        return table.tableName();
    }

    /** @return the table's schema */
    public TableSchema<T> tableSchema() {
        return table.tableSchema();
    }

    /** @return the tenant this table is confined to */
    public Tenant tenant() {
        return tenant;
    }

    /**
     * The table as a mapped resource, for building batch and transaction requests.
     *
     * @return the mapped table
     */
    public MappedTableResource<T> mappedTable() {
        return table;
    }

    /**
     * Reads an item by key.
     *
     * @param key the application's key (partition value without the tenant prefix)
     * @return the item, or null when absent
     */
    public CompletableFuture<@Nullable T> getItem(Key key) {
        return table.getItem(Objects.requireNonNull(key, "key"));
    }

    /**
     * Reads an item by the key of an item.
     *
     * @param keyItem an item whose key attributes are set
     * @return the item, or null when absent
     */
    public CompletableFuture<@Nullable T> getItem(T keyItem) {
        return table.getItem(Objects.requireNonNull(keyItem, "keyItem"));
    }

    /**
     * Reads an item with options (consistent read, projection).
     *
     * @param request the request
     * @return the item, or null when absent
     */
    public CompletableFuture<@Nullable T> getItem(GetItemEnhancedRequest request) {
        return table.getItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Reads an item with options.
     *
     * @param request configures the request
     * @return the item, or null when absent
     */
    public CompletableFuture<@Nullable T> getItem(Consumer<GetItemEnhancedRequest.Builder> request) {
        return table.getItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Writes an item, replacing any with the same key.
     *
     * @param item the item, with application ids
     * @return completes when written
     */
    public CompletableFuture<Void> putItem(T item) {
        return table.putItem(Objects.requireNonNull(item, "item"));
    }

    /**
     * Writes an item with options (a condition expression: its failure is the SDK's
     * {@code ConditionalCheckFailedException}).
     *
     * @param request the request
     * @return completes when written
     */
    public CompletableFuture<Void> putItem(PutItemEnhancedRequest<T> request) {
        return table.putItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Writes an item with options.
     *
     * @param request configures the request
     * @return completes when written
     */
    public CompletableFuture<Void> putItem(Consumer<PutItemEnhancedRequest.Builder<T>> request) {
        return table.putItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Updates an item's non-null attributes, creating it if absent.
     *
     * @param item the item
     * @return the item as stored, with application ids
     */
    public CompletableFuture<T> updateItem(T item) {
        return table.updateItem(Objects.requireNonNull(item, "item"));
    }

    /**
     * Updates an item with options (nulls, conditions).
     *
     * @param request the request
     * @return the item as stored, with application ids
     */
    public CompletableFuture<T> updateItem(UpdateItemEnhancedRequest<T> request) {
        return table.updateItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Updates an item with options.
     *
     * @param request configures the request
     * @return the item as stored, with application ids
     */
    public CompletableFuture<T> updateItem(Consumer<UpdateItemEnhancedRequest.Builder<T>> request) {
        return table.updateItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Deletes an item by key.
     *
     * @param key the application's key
     * @return the deleted item, or null when there was none
     */
    public CompletableFuture<@Nullable T> deleteItem(Key key) {
        return table.deleteItem(Objects.requireNonNull(key, "key"));
    }

    /**
     * Deletes an item by the key of an item.
     *
     * @param keyItem an item whose key attributes are set
     * @return the deleted item, or null when there was none
     */
    public CompletableFuture<@Nullable T> deleteItem(T keyItem) {
        return table.deleteItem(Objects.requireNonNull(keyItem, "keyItem"));
    }

    /**
     * Deletes an item with options (conditions).
     *
     * @param request the request
     * @return the deleted item, or null when there was none
     */
    public CompletableFuture<@Nullable T> deleteItem(DeleteItemEnhancedRequest request) {
        return table.deleteItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Deletes an item with options.
     *
     * @param request configures the request
     * @return the deleted item, or null when there was none
     */
    public CompletableFuture<@Nullable T> deleteItem(Consumer<DeleteItemEnhancedRequest.Builder> request) {
        return table.deleteItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Queries one partition of the tenant. Pages are requested as the subscriber demands them; their
     * {@code lastEvaluatedKey} holds application ids; {@code items()} flattens them.
     *
     * @param condition the key condition, with the application's partition value
     * @return the pages
     */
    public PagePublisher<T> query(QueryConditional condition) {
        return table.query(Objects.requireNonNull(condition, "condition"));
    }

    /**
     * Queries with options (filter, projection, limit, consistent read, exclusive start key).
     *
     * @param request the request
     * @return the pages
     */
    public PagePublisher<T> query(QueryEnhancedRequest request) {
        return table.query(Objects.requireNonNull(request, "request"));
    }

    /**
     * Queries with options.
     *
     * @param request configures the request
     * @return the pages
     */
    public PagePublisher<T> query(Consumer<QueryEnhancedRequest.Builder> request) {
        return table.query(Objects.requireNonNull(request, "request"));
    }

    /**
     * A secondary index of this table, confined the same way as {@link TenantTable#index(String)}.
     *
     * @param indexName the index name as the schema declares it
     * @return the index
     * @throws TenantBoundaryException when the schema declares no such index
     */
    public TenantAsyncIndex<T> index(String indexName) {
        Objects.requireNonNull(indexName, "indexName");
        if (!keys.indexPartitionKeys().containsKey(indexName)
                && !keys.localIndexes().contains(indexName)) {
            throw new TenantBoundaryException("Table '" + tableName() + "' has no index '" + indexName + "' in its"
                    + " schema; only indexes the schema declares can be confined");
        }
        return new TenantAsyncIndex<>(table.index(indexName), tenant);
    }

    /**
     * Reads items by key in batches of up to 100 (one after the other), following unprocessed keys, and returns
     * those found.
     *
     * @param keys application keys
     * @return the items found, in no particular order
     */
    public CompletableFuture<List<T>> batchGetItems(Collection<Key> keys) {
        Objects.requireNonNull(keys, "keys");
        List<Key> all = List.copyOf(keys);
        List<T> found = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int from = 0; from < all.size(); from += BATCH_GET_LIMIT) {
            List<Key> chunk = all.subList(from, Math.min(all.size(), from + BATCH_GET_LIMIT));
            chain = chain.thenCompose(v -> {
                ReadBatch.Builder<T> batch =
                        ReadBatch.builder(tableSchema().itemType().rawClass()).mappedTableResource(table);
                chunk.forEach(batch::addGetItem);
                ReadBatch read = batch.build();
                return enhanced.batchGetItem(r -> r.addReadBatch(read))
                        .subscribe(page -> found.addAll(page.resultsForTable(table)));
            });
        }
        return chain.thenApply(v -> List.copyOf(found));
    }

    /**
     * Writes and deletes items in batches of up to 25 (one after the other), retrying unprocessed ones a few times.
     *
     * @param puts items to write
     * @param deletes keys to delete
     * @return completes when all are written; fails with {@link TenantClientException} when items stay
     *     unprocessed after the retries
     */
    public CompletableFuture<Void> batchWriteItems(Collection<T> puts, Collection<Key> deletes) {
        Objects.requireNonNull(puts, "puts");
        Objects.requireNonNull(deletes, "deletes");
        List<Object> all = new ArrayList<>(puts);
        all.addAll(deletes);
        Class<T> type = tableSchema().itemType().rawClass();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int from = 0; from < all.size(); from += BATCH_WRITE_LIMIT) {
            WriteBatch.Builder<T> batch = WriteBatch.builder(type).mappedTableResource(table);
            for (Object o : all.subList(from, Math.min(all.size(), from + BATCH_WRITE_LIMIT))) {
                if (o instanceof Key key) {
                    batch.addDeleteItem(key);
                } else {
                    batch.addPutItem(type.cast(o));
                }
            }
            BatchWriteItemEnhancedRequest request = BatchWriteItemEnhancedRequest.builder()
                    .addWriteBatch(batch.build())
                    .build();
            chain = chain.thenCompose(v -> write(request, type, 0));
        }
        return chain;
    }

    private CompletableFuture<Void> write(BatchWriteItemEnhancedRequest request, Class<T> type, int attempt) {
        return enhanced.batchWriteItem(request).thenCompose(result -> {
            List<T> unprocessedPuts = result.unprocessedPutItemsForTable(table);
            List<Key> unprocessedDeletes = result.unprocessedDeleteItemsForTable(table);
            if (unprocessedPuts.isEmpty() && unprocessedDeletes.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            if (attempt == BATCH_WRITE_ATTEMPTS - 1) {
                return CompletableFuture.failedFuture(
                        new TenantClientException(unprocessedPuts.size() + unprocessedDeletes.size()
                                + " batch write items stayed unprocessed after " + BATCH_WRITE_ATTEMPTS + " attempts"));
            }
            WriteBatch.Builder<T> retry = WriteBatch.builder(type).mappedTableResource(table);
            unprocessedPuts.forEach(retry::addPutItem);
            unprocessedDeletes.forEach(retry::addDeleteItem);
            return write(
                    BatchWriteItemEnhancedRequest.builder()
                            .addWriteBatch(retry.build())
                            .build(),
                    type,
                    attempt + 1);
        });
    }

    /**
     * Runs a write transaction. Build its items against {@link #mappedTable()} (or other tables of this session);
     * every key is confined to the tenant. A failed condition is the SDK's {@code TransactionCanceledException}.
     *
     * @param request configures the transaction
     * @return completes when committed
     */
    public CompletableFuture<Void> transactWriteItems(Consumer<TransactWriteItemsEnhancedRequest.Builder> request) {
        Objects.requireNonNull(request, "request");
        return enhanced.transactWriteItems(request);
    }

    /**
     * Runs a read transaction built against {@link #mappedTable()} (or other tables of this session).
     *
     * @param request configures the transaction
     * @return one document per item requested, in order ({@code document.getItem(table.mappedTable())})
     */
    public CompletableFuture<List<Document>> transactGetItems(
            Consumer<TransactGetItemsEnhancedRequest.Builder> request) {
        Objects.requireNonNull(request, "request");
        return enhanced.transactGetItems(request);
    }

    @Override
    public String toString() {
        return "TenantAsyncTable{table=" + tableName() + ", tenant=" + tenant.org() + "}";
    }
}
