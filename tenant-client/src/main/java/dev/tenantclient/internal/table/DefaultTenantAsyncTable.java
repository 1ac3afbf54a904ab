/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.table;

import dev.tenantclient.BatchWriteItemsResult;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantAsyncIndex;
import dev.tenantclient.TenantAsyncTable;
import dev.tenantclient.TenantClientException;
import dev.tenantclient.TenantTable;
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
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedResponse;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedResponse;
import software.amazon.awssdk.enhanced.dynamodb.model.PagePublisher;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedResponse;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactGetItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedResponse;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

/** The implementation of {@link TenantAsyncTable}. */
public final class DefaultTenantAsyncTable<T> implements TenantAsyncTable<T> {

    private static final int BATCH_GET_LIMIT = 100;
    private static final int BATCH_WRITE_LIMIT = 25;

    private final DynamoDbEnhancedAsyncClient enhanced;
    private final DynamoDbAsyncTable<T> table;
    private final TableKeys keys;
    private final Tenant tenant;
    private final BatchRetry retry;

    public DefaultTenantAsyncTable(
            DynamoDbEnhancedAsyncClient enhanced, DynamoDbAsyncTable<T> table, TableKeys keys, Tenant tenant) {
        this(enhanced, table, keys, tenant, BatchRetry.DEFAULT);
    }

    /**
     * A table with its batch retry policy.
     *
     * @param enhanced the session's async Enhanced Client (over the guarded DynamoDB client)
     * @param table the mapped table
     * @param keys the schema's key layout
     * @param tenant the tenant
     * @param retry how unprocessed batch items are retried
     */
    public DefaultTenantAsyncTable(
            DynamoDbEnhancedAsyncClient enhanced,
            DynamoDbAsyncTable<T> table,
            TableKeys keys,
            Tenant tenant,
            BatchRetry retry) {
        this.retry = Objects.requireNonNull(retry, "retry");
        this.enhanced = enhanced;
        this.table = table;
        this.keys = keys;
        this.tenant = tenant;
    }

    /** @return the table's name */
    @Override
    public String tableName() {
        return table.tableName();
    }

    /** @return the table's schema */
    @Override
    public TableSchema<T> tableSchema() {
        return table.tableSchema();
    }

    /** @return the tenant this table is confined to */
    @Override
    public Tenant tenant() {
        return tenant;
    }

    /**
     * The table as a mapped resource, for building batch and transaction requests.
     *
     * @return the mapped table
     */
    @Override
    public MappedTableResource<T> mappedTable() {
        return table;
    }

    /**
     * Reads an item by key.
     *
     * @param key the application's key (partition value without the tenant prefix)
     * @return the item, or null when absent
     */
    @Override
    public CompletableFuture<@Nullable T> getItem(Key key) {
        return table.getItem(Objects.requireNonNull(key, "key"));
    }

    /**
     * Reads an item by the key of an item.
     *
     * @param keyItem an item whose key attributes are set
     * @return the item, or null when absent
     */
    @Override
    public CompletableFuture<@Nullable T> getItem(T keyItem) {
        return table.getItem(Objects.requireNonNull(keyItem, "keyItem"));
    }

    /**
     * Reads an item with options (consistent read, projection).
     *
     * @param request the request
     * @return the item, or null when absent
     */
    @Override
    public CompletableFuture<@Nullable T> getItem(GetItemEnhancedRequest request) {
        return table.getItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Reads an item with options.
     *
     * @param request configures the request
     * @return the item, or null when absent
     */
    @Override
    public CompletableFuture<@Nullable T> getItem(Consumer<GetItemEnhancedRequest.Builder> request) {
        return table.getItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Writes an item, replacing any with the same key.
     *
     * @param item the item, with application ids
     * @return completes when written
     */
    @Override
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
    @Override
    public CompletableFuture<Void> putItem(PutItemEnhancedRequest<T> request) {
        return table.putItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Writes an item with options.
     *
     * @param request configures the request
     * @return completes when written
     */
    @Override
    public CompletableFuture<Void> putItem(Consumer<PutItemEnhancedRequest.Builder<T>> request) {
        return table.putItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Updates an item's non-null attributes, creating it if absent.
     *
     * @param item the item
     * @return the item as stored, with application ids
     */
    @Override
    public CompletableFuture<T> updateItem(T item) {
        return table.updateItem(Objects.requireNonNull(item, "item"));
    }

    /**
     * Updates an item with options (nulls, conditions).
     *
     * @param request the request
     * @return the item as stored, with application ids
     */
    @Override
    public CompletableFuture<T> updateItem(UpdateItemEnhancedRequest<T> request) {
        return table.updateItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Updates an item with options.
     *
     * @param request configures the request
     * @return the item as stored, with application ids
     */
    @Override
    public CompletableFuture<T> updateItem(Consumer<UpdateItemEnhancedRequest.Builder<T>> request) {
        return table.updateItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Deletes an item by key.
     *
     * @param key the application's key
     * @return the deleted item, or null when there was none
     */
    @Override
    public CompletableFuture<@Nullable T> deleteItem(Key key) {
        return table.deleteItem(Objects.requireNonNull(key, "key"));
    }

    /**
     * Deletes an item by the key of an item.
     *
     * @param keyItem an item whose key attributes are set
     * @return the deleted item, or null when there was none
     */
    @Override
    public CompletableFuture<@Nullable T> deleteItem(T keyItem) {
        return table.deleteItem(Objects.requireNonNull(keyItem, "keyItem"));
    }

    /**
     * Deletes an item with options (conditions).
     *
     * @param request the request
     * @return the deleted item, or null when there was none
     */
    @Override
    public CompletableFuture<@Nullable T> deleteItem(DeleteItemEnhancedRequest request) {
        return table.deleteItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Deletes an item with options.
     *
     * @param request configures the request
     * @return the deleted item, or null when there was none
     */
    @Override
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
    @Override
    public PagePublisher<T> query(QueryConditional condition) {
        return table.query(Objects.requireNonNull(condition, "condition"));
    }

    /**
     * Queries with options (filter, projection, limit, consistent read, exclusive start key).
     *
     * @param request the request
     * @return the pages
     */
    @Override
    public PagePublisher<T> query(QueryEnhancedRequest request) {
        return table.query(Objects.requireNonNull(request, "request"));
    }

    /**
     * Queries with options.
     *
     * @param request configures the request
     * @return the pages
     */
    @Override
    public PagePublisher<T> query(Consumer<QueryEnhancedRequest.Builder> request) {
        return table.query(Objects.requireNonNull(request, "request"));
    }

    /**
     * A secondary index of this table, confined the same way as {@link TenantTable#index(String)}.
     *
     * @param indexName the index name as the schema declares it
     * @return the index
     * @throws IllegalArgumentException when the schema declares no such index
     */
    @Override
    public TenantAsyncIndex<T> index(String indexName) {
        Objects.requireNonNull(indexName, "indexName");
        if (!keys.indexPartitionKeys().containsKey(indexName)
                && !keys.localIndexes().contains(indexName)) {
            throw new IllegalArgumentException("Table '" + tableName() + "' has no index '" + indexName + "' in its"
                    + " schema; only indexes the schema declares can be confined");
        }
        return new DefaultTenantAsyncIndex<>(table.index(indexName), tenant);
    }

    /**
     * Reads items by key in batches of up to 100 (one after the other); keys DynamoDB leaves unprocessed are asked
     * again after the retry policy's backoff, without blocking a thread.
     *
     * @param keys application keys
     * @return the items found, in no particular order; {@link TenantClientException} when keys stay unprocessed
     *     after the retries
     */
    @Override
    public CompletableFuture<List<T>> batchGetItems(Collection<Key> keys) {
        Objects.requireNonNull(keys, "keys");
        List<Key> all = List.copyOf(keys);
        List<T> found = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int from = 0; from < all.size(); from += BATCH_GET_LIMIT) {
            List<Key> chunk = all.subList(from, Math.min(all.size(), from + BATCH_GET_LIMIT));
            chain = chain.thenCompose(v -> read(chunk, found, 1));
        }
        return chain.thenApply(v -> List.copyOf(found));
    }

    private CompletableFuture<Void> read(List<Key> pending, List<T> found, int attempt) {
        ReadBatch.Builder<T> batch =
                ReadBatch.builder(tableSchema().itemType().rawClass()).mappedTableResource(table);
        pending.forEach(batch::addGetItem);
        ReadBatch read = batch.build();
        List<Key> unprocessed = Collections.synchronizedList(new ArrayList<>());
        // one page only: the SDK's paginator would ask for the unprocessed keys again at once
        return enhanced.batchGetItem(r -> r.addReadBatch(read))
                .limit(1)
                .subscribe(page -> {
                    found.addAll(page.resultsForTable(table));
                    unprocessed.addAll(page.unprocessedKeysForTable(table));
                })
                .thenCompose(v -> {
                    if (unprocessed.isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (!retry.mayRetry(attempt)) {
                        return CompletableFuture.failedFuture(new TenantClientException(unprocessed.size()
                                + " batch get keys stayed unprocessed after " + attempt + " attempts"));
                    }
                    List<Key> again = List.copyOf(unprocessed);
                    return CompletableFuture.runAsync(() -> {}, retry.after(attempt))
                            .thenCompose(x -> read(again, found, attempt + 1));
                });
    }

    /**
     * Writes and deletes items in batches of up to 25 (one after the other); items DynamoDB leaves unprocessed are
     * sent again after the retry policy's backoff (without blocking a thread), and those still unprocessed after the
     * last attempt are returned.
     *
     * @param puts items to write
     * @param deletes keys to delete
     * @return what stayed unprocessed (empty when all was written)
     */
    @Override
    public CompletableFuture<BatchWriteItemsResult<T>> batchWriteItems(Collection<T> puts, Collection<Key> deletes) {
        Objects.requireNonNull(puts, "puts");
        Objects.requireNonNull(deletes, "deletes");
        List<Object> all = new ArrayList<>(puts);
        all.addAll(deletes);
        Class<T> type = tableSchema().itemType().rawClass();
        List<T> leftPuts = Collections.synchronizedList(new ArrayList<>());
        List<Key> leftDeletes = Collections.synchronizedList(new ArrayList<>());
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
            chain = chain.thenCompose(v -> write(request, type, 1, leftPuts, leftDeletes));
        }
        return chain.thenApply(v -> new BatchWriteItemsResult<>(leftPuts, leftDeletes));
    }

    private CompletableFuture<Void> write(
            BatchWriteItemEnhancedRequest request,
            Class<T> type,
            int attempt,
            List<T> leftPuts,
            List<Key> leftDeletes) {
        return enhanced.batchWriteItem(request).thenCompose(result -> {
            List<T> unprocessedPuts = result.unprocessedPutItemsForTable(table);
            List<Key> unprocessedDeletes = result.unprocessedDeleteItemsForTable(table);
            if (unprocessedPuts.isEmpty() && unprocessedDeletes.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            if (!retry.mayRetry(attempt)) {
                leftPuts.addAll(unprocessedPuts);
                leftDeletes.addAll(unprocessedDeletes);
                return CompletableFuture.completedFuture(null);
            }
            WriteBatch.Builder<T> again = WriteBatch.builder(type).mappedTableResource(table);
            unprocessedPuts.forEach(again::addPutItem);
            unprocessedDeletes.forEach(again::addDeleteItem);
            BatchWriteItemEnhancedRequest next = BatchWriteItemEnhancedRequest.builder()
                    .addWriteBatch(again.build())
                    .build();
            return CompletableFuture.runAsync(() -> {}, retry.after(attempt))
                    .thenCompose(x -> write(next, type, attempt + 1, leftPuts, leftDeletes));
        });
    }

    /**
     * Runs a write transaction. Build its items against {@link #mappedTable()} (or other tables of this session);
     * every key is confined to the tenant. A failed condition is the SDK's {@code TransactionCanceledException}.
     *
     * @param request configures the transaction
     * @return completes when committed
     */
    @Override
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
    @Override
    public CompletableFuture<List<Document>> transactGetItems(
            Consumer<TransactGetItemsEnhancedRequest.Builder> request) {
        Objects.requireNonNull(request, "request");
        return enhanced.transactGetItems(request);
    }

    @Override
    public CompletableFuture<PutItemEnhancedResponse<T>> putItemWithResponse(PutItemEnhancedRequest<T> request) {
        return table.putItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public CompletableFuture<PutItemEnhancedResponse<T>> putItemWithResponse(
            Consumer<PutItemEnhancedRequest.Builder<T>> request) {
        return table.putItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public CompletableFuture<GetItemEnhancedResponse<T>> getItemWithResponse(GetItemEnhancedRequest request) {
        return table.getItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public CompletableFuture<GetItemEnhancedResponse<T>> getItemWithResponse(
            Consumer<GetItemEnhancedRequest.Builder> request) {
        return table.getItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public CompletableFuture<UpdateItemEnhancedResponse<T>> updateItemWithResponse(
            UpdateItemEnhancedRequest<T> request) {
        return table.updateItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public CompletableFuture<UpdateItemEnhancedResponse<T>> updateItemWithResponse(
            Consumer<UpdateItemEnhancedRequest.Builder<T>> request) {
        return table.updateItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public CompletableFuture<DeleteItemEnhancedResponse<T>> deleteItemWithResponse(DeleteItemEnhancedRequest request) {
        return table.deleteItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public CompletableFuture<DeleteItemEnhancedResponse<T>> deleteItemWithResponse(
            Consumer<DeleteItemEnhancedRequest.Builder> request) {
        return table.deleteItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public CompletableFuture<Void> transactWriteItems(TransactWriteItemsEnhancedRequest request) {
        return enhanced.transactWriteItems(Objects.requireNonNull(request, "request"));
    }

    @Override
    public CompletableFuture<List<Document>> transactGetItems(TransactGetItemsEnhancedRequest request) {
        return enhanced.transactGetItems(Objects.requireNonNull(request, "request"));
    }

    @Override
    public String toString() {
        return "TenantAsyncTable{table=" + tableName() + ", tenant=" + tenant.org() + "}";
    }
}
