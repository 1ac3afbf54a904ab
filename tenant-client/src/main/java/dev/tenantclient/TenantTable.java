/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

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
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PageIterable;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactGetItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

/**
 * A DynamoDB table seen through one tenant: the Enhanced Client's {@code DynamoDbTable} operations, with the
 * tenant's prefix added to every partition key on the way out and removed on the way back. Obtain with
 * {@link TenantSession#table(String, TableSchema)}.
 *
 * <pre>{@code
 * TenantTable<Note> notes = session.table("notes", TableSchema.fromBean(Note.class));
 * notes.putItem(note);                                   // note.id "n-1" is stored as "acme#n-1"
 * Note back = notes.getItem(Key.builder().partitionValue("n-1").build());   // back.id is "n-1"
 * }</pre>
 *
 * <p>What carries the tenant: the table's partition key and the partition key of each global secondary index, all
 * strings. Application ids must not contain the layout's separator ({@code #}); in an exact layout
 * ({@link TenantLayout#user()}) the partition key is the user's own value, filled in when absent. Every request
 * also passes a guard that checks its leading keys against the same predicate as the IAM condition, so a request
 * that IAM would deny is refused here first, with a {@link TenantBoundaryException}. There is no {@code scan}:
 * IAM cannot confine one. Service errors (a failed condition, throttling) are the SDK's own exceptions.
 *
 * <p>Cheap to create and thread-safe.
 *
 * @param <T> the item type
 */
public final class TenantTable<T> {

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<T> table;
    private final TableKeys keys;
    private final Tenant tenant;

    TenantTable(DynamoDbEnhancedClient enhanced, DynamoDbTable<T> table, TableKeys keys, Tenant tenant) {
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
     * The table as a mapped resource, for building batch and transaction requests
     * ({@code ReadBatch.builder(Note.class).mappedTableResource(notes.mappedTable())}).
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
    public @Nullable T getItem(Key key) {
        return table.getItem(Objects.requireNonNull(key, "key"));
    }

    /**
     * Reads an item by the key of an item.
     *
     * @param keyItem an item whose key attributes are set
     * @return the item, or null when absent
     */
    public @Nullable T getItem(T keyItem) {
        return table.getItem(Objects.requireNonNull(keyItem, "keyItem"));
    }

    /**
     * Reads an item with options (consistent read, projection).
     *
     * @param request the request
     * @return the item, or null when absent
     */
    public @Nullable T getItem(GetItemEnhancedRequest request) {
        return table.getItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Reads an item with options.
     *
     * @param request configures the request
     * @return the item, or null when absent
     */
    public @Nullable T getItem(Consumer<GetItemEnhancedRequest.Builder> request) {
        return table.getItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Writes an item, replacing any with the same key.
     *
     * @param item the item, with application ids
     */
    public void putItem(T item) {
        table.putItem(Objects.requireNonNull(item, "item"));
    }

    /**
     * Writes an item with options (a condition expression: its failure is the SDK's
     * {@code ConditionalCheckFailedException}).
     *
     * @param request the request
     */
    public void putItem(PutItemEnhancedRequest<T> request) {
        table.putItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Updates an item's non-null attributes, creating it if absent.
     *
     * @param item the item
     * @return the item as stored, with application ids
     */
    public T updateItem(T item) {
        return table.updateItem(Objects.requireNonNull(item, "item"));
    }

    /**
     * Updates an item with options (nulls, conditions).
     *
     * @param request the request
     * @return the item as stored, with application ids
     */
    public T updateItem(UpdateItemEnhancedRequest<T> request) {
        return table.updateItem(Objects.requireNonNull(request, "request"));
    }

    /**
     * Deletes an item by key.
     *
     * @param key the application's key
     * @return the deleted item, or null when there was none
     */
    public @Nullable T deleteItem(Key key) {
        return table.deleteItem(Objects.requireNonNull(key, "key"));
    }

    /**
     * Deletes an item by the key of an item.
     *
     * @param keyItem an item whose key attributes are set
     * @return the deleted item, or null when there was none
     */
    public @Nullable T deleteItem(T keyItem) {
        return table.deleteItem(Objects.requireNonNull(keyItem, "keyItem"));
    }

    /**
     * Deletes an item with options (conditions).
     *
     * @param request the request
     * @return the deleted item, or null when there was none
     */
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
    public PageIterable<T> query(QueryConditional condition) {
        return table.query(Objects.requireNonNull(condition, "condition"));
    }

    /**
     * Queries with options (filter, projection, limit, consistent read, exclusive start key).
     *
     * @param request the request
     * @return the pages
     */
    public PageIterable<T> query(QueryEnhancedRequest request) {
        return table.query(Objects.requireNonNull(request, "request"));
    }

    /**
     * Queries with options.
     *
     * @param request configures the request
     * @return the pages
     */
    public PageIterable<T> query(Consumer<QueryEnhancedRequest.Builder> request) {
        return table.query(Objects.requireNonNull(request, "request"));
    }

    /**
     * A secondary index of this table, confined the same way. Global indexes qualify when their partition key is a
     * string (it carries the tenant prefix like the table's); local indexes share the table's partition key.
     *
     * @param indexName the index name as the schema declares it
     * @return the index
     * @throws TenantBoundaryException when the schema declares no such index
     */
    public TenantIndex<T> index(String indexName) {
        Objects.requireNonNull(indexName, "indexName");
        if (!keys.indexPartitionKeys().containsKey(indexName)
                && !keys.localIndexes().contains(indexName)) {
            throw new TenantBoundaryException("Table '" + tableName() + "' has no index '" + indexName + "' in its"
                    + " schema; only indexes the schema declares can be confined");
        }
        return new TenantIndex<>(table.index(indexName), tenant);
    }

    /**
     * Reads items by key in batches of up to 100, following unprocessed keys, and returns those found.
     *
     * @param keys application keys
     * @return the items found, in no particular order
     */
    public List<T> batchGetItems(Collection<Key> keys) {
        Objects.requireNonNull(keys, "keys");
        List<T> found = new ArrayList<>();
        List<Key> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += 100) {
            ReadBatch.Builder<T> batch =
                    ReadBatch.builder(tableSchema().itemType().rawClass()).mappedTableResource(table);
            all.subList(from, Math.min(all.size(), from + 100)).forEach(batch::addGetItem);
            ReadBatch read = batch.build();
            for (BatchGetResultPage page : enhanced.batchGetItem(r -> r.addReadBatch(read))) {
                found.addAll(page.resultsForTable(table));
            }
        }
        return found;
    }

    /**
     * Writes and deletes items in batches of up to 25, retrying unprocessed ones a few times.
     *
     * @param puts items to write
     * @param deletes keys to delete
     * @throws dev.tenantclient.TenantClientException when items stay unprocessed after the retries
     */
    public void batchWriteItems(Collection<T> puts, Collection<Key> deletes) {
        Objects.requireNonNull(puts, "puts");
        Objects.requireNonNull(deletes, "deletes");
        List<Object> all = new ArrayList<>(puts);
        all.addAll(deletes);
        Class<T> type = tableSchema().itemType().rawClass();
        for (int from = 0; from < all.size(); from += 25) {
            WriteBatch.Builder<T> batch = WriteBatch.builder(type).mappedTableResource(table);
            for (Object o : all.subList(from, Math.min(all.size(), from + 25))) {
                if (o instanceof Key key) {
                    batch.addDeleteItem(key);
                } else {
                    batch.addPutItem(type.cast(o));
                }
            }
            WriteBatch write = batch.build();
            BatchWriteItemEnhancedRequest request =
                    BatchWriteItemEnhancedRequest.builder().addWriteBatch(write).build();
            for (int attempt = 0; ; attempt++) {
                BatchWriteResult result = enhanced.batchWriteItem(request);
                List<T> unprocessedPuts = result.unprocessedPutItemsForTable(table);
                List<Key> unprocessedDeletes = result.unprocessedDeleteItemsForTable(table);
                if (unprocessedPuts.isEmpty() && unprocessedDeletes.isEmpty()) {
                    break;
                }
                if (attempt == 4) {
                    throw new TenantClientException(unprocessedPuts.size() + unprocessedDeletes.size()
                            + " batch write items stayed unprocessed after 5 attempts");
                }
                WriteBatch.Builder<T> retry = WriteBatch.builder(type).mappedTableResource(table);
                unprocessedPuts.forEach(retry::addPutItem);
                unprocessedDeletes.forEach(retry::addDeleteItem);
                request = BatchWriteItemEnhancedRequest.builder()
                        .addWriteBatch(retry.build())
                        .build();
            }
        }
    }

    /**
     * Runs a write transaction. Build its items against {@link #mappedTable()} (or other tables of this session);
     * every key is confined to the tenant. A failed condition is the SDK's {@code TransactionCanceledException}.
     *
     * @param request configures the transaction
     */
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
    public List<Document> transactGetItems(Consumer<TransactGetItemsEnhancedRequest.Builder> request) {
        Objects.requireNonNull(request, "request");
        return enhanced.transactGetItems(request);
    }

    @Override
    public String toString() {
        return "TenantTable{table=" + tableName() + ", tenant=" + tenant.org() + "}";
    }
}
