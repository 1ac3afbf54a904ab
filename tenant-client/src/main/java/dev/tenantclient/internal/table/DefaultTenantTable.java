/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.table;

import dev.tenantclient.BatchWriteItemsResult;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantClientException;
import dev.tenantclient.TenantIndex;
import dev.tenantclient.TenantTable;
import dev.tenantclient.internal.dynamodb.TableKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.Document;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.MappedTableResource;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedResponse;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedResponse;
import software.amazon.awssdk.enhanced.dynamodb.model.PageIterable;
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

/** The implementation of {@link TenantTable}. */
public final class DefaultTenantTable<T> implements TenantTable<T> {

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<T> table;
    private final TableKeys keys;
    private final Tenant tenant;
    private final BatchRetry retry;

    public DefaultTenantTable(DynamoDbEnhancedClient enhanced, DynamoDbTable<T> table, TableKeys keys, Tenant tenant) {
        this(enhanced, table, keys, tenant, BatchRetry.DEFAULT);
    }

    /**
     * A table with its batch retry policy.
     *
     * @param enhanced the session's Enhanced Client (over the guarded DynamoDB client)
     * @param table the mapped table
     * @param keys the schema's key layout
     * @param tenant the tenant
     * @param retry how unprocessed batch items are retried
     */
    public DefaultTenantTable(
            DynamoDbEnhancedClient enhanced, DynamoDbTable<T> table, TableKeys keys, Tenant tenant, BatchRetry retry) {
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
     * The table as a mapped resource, for building batch and transaction requests
     * ({@code ReadBatch.builder(Note.class).mappedTableResource(notes.mappedTable())}).
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
    public @Nullable T getItem(Key key) {
        return table.getItem(Objects.requireNonNull(key, "key"));
    }

    /**
     * Reads an item by the key of an item.
     *
     * @param keyItem an item whose key attributes are set
     * @return the item, or null when absent
     */
    @Override
    public @Nullable T getItem(T keyItem) {
        return table.getItem(Objects.requireNonNull(keyItem, "keyItem"));
    }

    /**
     * Reads an item with options (consistent read, projection).
     *
     * @param request the request
     * @return the item, or null when absent
     */
    @Override
    public @Nullable T getItem(GetItemEnhancedRequest request) {
        return table.getItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Reads an item with options.
     *
     * @param request configures the request
     * @return the item, or null when absent
     */
    @Override
    public @Nullable T getItem(Consumer<GetItemEnhancedRequest.Builder> request) {
        return table.getItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Writes an item, replacing any with the same key.
     *
     * @param item the item, with application ids
     */
    @Override
    public void putItem(T item) {
        table.putItem(Objects.requireNonNull(item, "item"));
    }

    /**
     * Writes an item with options (a condition expression: its failure is the SDK's
     * {@code ConditionalCheckFailedException}).
     *
     * @param request the request
     */
    @Override
    public void putItem(PutItemEnhancedRequest<T> request) {
        table.putItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Updates an item's non-null attributes, creating it if absent.
     *
     * @param item the item
     * @return the item as stored, with application ids
     */
    @Override
    public T updateItem(T item) {
        return table.updateItem(Objects.requireNonNull(item, "item"));
    }

    /**
     * Updates an item with options (nulls, conditions).
     *
     * @param request the request
     * @return the item as stored, with application ids
     */
    @Override
    public T updateItem(UpdateItemEnhancedRequest<T> request) {
        return table.updateItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Deletes an item by key.
     *
     * @param key the application's key
     * @return the deleted item, or null when there was none
     */
    @Override
    public @Nullable T deleteItem(Key key) {
        return table.deleteItem(Objects.requireNonNull(key, "key"));
    }

    /**
     * Deletes an item by the key of an item.
     *
     * @param keyItem an item whose key attributes are set
     * @return the deleted item, or null when there was none
     */
    @Override
    public @Nullable T deleteItem(T keyItem) {
        return table.deleteItem(Objects.requireNonNull(keyItem, "keyItem"));
    }

    /**
     * Deletes an item with options (conditions).
     *
     * @param request the request
     * @return the deleted item, or null when there was none
     */
    @Override
    public @Nullable T deleteItem(DeleteItemEnhancedRequest request) {
        return table.deleteItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Queries one partition of the tenant. Pages are fetched lazily; their {@code lastEvaluatedKey} holds
     * application ids.
     *
     * @param condition the key condition, with the application's partition value
     * @return the pages
     */
    @Override
    public PageIterable<T> query(QueryConditional condition) {
        return table.query(Objects.requireNonNull(condition, "condition"));
    }

    /**
     * Queries with options (filter, projection, limit, consistent read, exclusive start key).
     *
     * @param request the request
     * @return the pages
     */
    @Override
    public PageIterable<T> query(QueryEnhancedRequest request) {
        return table.query(Objects.requireNonNull(request, "request"));
    }

    /**
     * Queries with options.
     *
     * @param request configures the request
     * @return the pages
     */
    @Override
    public PageIterable<T> query(Consumer<QueryEnhancedRequest.Builder> request) {
        return table.query(Objects.requireNonNull(request, "request"));
    }

    /**
     * A secondary index of this table, confined the same way. Global indexes qualify when their partition key is a
     * string (it carries the tenant prefix like the table's); local indexes share the table's partition key.
     *
     * @param indexName the index name as the schema declares it
     * @return the index
     * @throws IllegalArgumentException when the schema declares no such index
     */
    @Override
    public TenantIndex<T> index(String indexName) {
        Objects.requireNonNull(indexName, "indexName");
        if (!keys.indexPartitionKeys().containsKey(indexName)
                && !keys.localIndexes().contains(indexName)) {
            throw new IllegalArgumentException("Table '" + tableName() + "' has no index '" + indexName + "' in its"
                    + " schema; only indexes the schema declares can be confined");
        }
        return new DefaultTenantIndex<>(table.index(indexName), tenant);
    }

    /**
     * Reads items by key in batches of up to 100; keys DynamoDB leaves unprocessed are asked again after the
     * retry policy's backoff.
     *
     * @param keys application keys
     * @return the items found, in no particular order
     * @throws TenantClientException when keys stay unprocessed after the retries
     */
    @Override
    public List<T> batchGetItems(Collection<Key> keys) {
        Objects.requireNonNull(keys, "keys");
        List<T> found = new ArrayList<>();
        List<Key> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += 100) {
            List<Key> pending = all.subList(from, Math.min(all.size(), from + 100));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                ReadBatch.Builder<T> batch =
                        ReadBatch.builder(tableSchema().itemType().rawClass()).mappedTableResource(table);
                pending.forEach(batch::addGetItem);
                ReadBatch read = batch.build();
                // one page only: the SDK's paginator would ask for the unprocessed keys again at once
                BatchGetResultPage page = enhanced.batchGetItem(r -> r.addReadBatch(read))
                        .iterator()
                        .next();
                found.addAll(page.resultsForTable(table));
                pending = page.unprocessedKeysForTable(table);
                if (!pending.isEmpty()) {
                    if (!retry.mayRetry(attempt)) {
                        throw new TenantClientException(
                                pending.size() + " batch get keys stayed unprocessed after " + attempt + " attempts");
                    }
                    retry.pause(attempt);
                }
            }
        }
        return found;
    }

    /**
     * Writes and deletes items in batches of up to 25; items DynamoDB leaves unprocessed are sent again after the
     * retry policy's backoff, and those still unprocessed after the last attempt are returned.
     *
     * @param puts items to write
     * @param deletes keys to delete
     * @return what stayed unprocessed (empty when all was written)
     */
    @Override
    public BatchWriteItemsResult<T> batchWriteItems(Collection<T> puts, Collection<Key> deletes) {
        Objects.requireNonNull(puts, "puts");
        Objects.requireNonNull(deletes, "deletes");
        List<Object> all = new ArrayList<>(puts);
        all.addAll(deletes);
        Class<T> type = tableSchema().itemType().rawClass();
        List<T> leftPuts = new ArrayList<>();
        List<Key> leftDeletes = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 25) {
            WriteBatch.Builder<T> batch = WriteBatch.builder(type).mappedTableResource(table);
            for (Object o : all.subList(from, Math.min(all.size(), from + 25))) {
                if (o instanceof Key key) {
                    batch.addDeleteItem(key);
                } else {
                    batch.addPutItem(type.cast(o));
                }
            }
            BatchWriteItemEnhancedRequest request = BatchWriteItemEnhancedRequest.builder()
                    .addWriteBatch(batch.build())
                    .build();
            for (int attempt = 1; ; attempt++) {
                BatchWriteResult result = enhanced.batchWriteItem(request);
                List<T> unprocessedPuts = result.unprocessedPutItemsForTable(table);
                List<Key> unprocessedDeletes = result.unprocessedDeleteItemsForTable(table);
                if (unprocessedPuts.isEmpty() && unprocessedDeletes.isEmpty()) {
                    break;
                }
                if (!retry.mayRetry(attempt)) {
                    leftPuts.addAll(unprocessedPuts);
                    leftDeletes.addAll(unprocessedDeletes);
                    break;
                }
                retry.pause(attempt);
                WriteBatch.Builder<T> again = WriteBatch.builder(type).mappedTableResource(table);
                unprocessedPuts.forEach(again::addPutItem);
                unprocessedDeletes.forEach(again::addDeleteItem);
                request = BatchWriteItemEnhancedRequest.builder()
                        .addWriteBatch(again.build())
                        .build();
            }
        }
        return new BatchWriteItemsResult<>(leftPuts, leftDeletes);
    }

    /**
     * Runs a write transaction. Build its items against {@link #mappedTable()} (or other tables of this session);
     * every key is confined to the tenant. A failed condition is the SDK's {@code TransactionCanceledException}.
     *
     * @param request configures the transaction
     */
    @Override
    public void transactWriteItems(Consumer<TransactWriteItemsEnhancedRequest.Builder> request) {
        Objects.requireNonNull(request, "request");
        enhanced.transactWriteItems(request);
    }

    /**
     * Runs a read transaction built against {@link #mappedTable()} (or other tables of this session).
     *
     * @param request configures the transaction
     * @return one document per item requested, in order ({@code document.getItem(table.mappedTable())})
     */
    @Override
    public List<Document> transactGetItems(Consumer<TransactGetItemsEnhancedRequest.Builder> request) {
        Objects.requireNonNull(request, "request");
        return enhanced.transactGetItems(request);
    }

    @Override
    public void putItem(Consumer<PutItemEnhancedRequest.Builder<T>> request) {
        table.putItem(Objects.requireNonNull(request, "request"));
    }

    @Override
    public PutItemEnhancedResponse<T> putItemWithResponse(PutItemEnhancedRequest<T> request) {
        return table.putItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public PutItemEnhancedResponse<T> putItemWithResponse(Consumer<PutItemEnhancedRequest.Builder<T>> request) {
        return table.putItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public GetItemEnhancedResponse<T> getItemWithResponse(GetItemEnhancedRequest request) {
        return table.getItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public GetItemEnhancedResponse<T> getItemWithResponse(Consumer<GetItemEnhancedRequest.Builder> request) {
        return table.getItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public UpdateItemEnhancedResponse<T> updateItemWithResponse(UpdateItemEnhancedRequest<T> request) {
        return table.updateItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public UpdateItemEnhancedResponse<T> updateItemWithResponse(
            Consumer<UpdateItemEnhancedRequest.Builder<T>> request) {
        return table.updateItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public DeleteItemEnhancedResponse<T> deleteItemWithResponse(DeleteItemEnhancedRequest request) {
        return table.deleteItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public DeleteItemEnhancedResponse<T> deleteItemWithResponse(Consumer<DeleteItemEnhancedRequest.Builder> request) {
        return table.deleteItemWithResponse(Objects.requireNonNull(request, "request"));
    }

    @Override
    public T updateItem(Consumer<UpdateItemEnhancedRequest.Builder<T>> request) {
        return table.updateItem(Objects.requireNonNull(request, "request"));
    }

    @Override
    public @Nullable T deleteItem(Consumer<DeleteItemEnhancedRequest.Builder> request) {
        return table.deleteItem(Objects.requireNonNull(request, "request"));
    }

    @Override
    public void transactWriteItems(TransactWriteItemsEnhancedRequest request) {
        enhanced.transactWriteItems(Objects.requireNonNull(request, "request"));
    }

    @Override
    public List<Document> transactGetItems(TransactGetItemsEnhancedRequest request) {
        return enhanced.transactGetItems(Objects.requireNonNull(request, "request"));
    }

    @Override
    public String toString() {
        return "TenantTable{table=" + tableName() + ", tenant=" + tenant.org() + "}";
    }
}
