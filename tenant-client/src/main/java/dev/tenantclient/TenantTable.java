/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.Document;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.MappedTableResource;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedResponse;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedResponse;
import software.amazon.awssdk.enhanced.dynamodb.model.PageIterable;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedResponse;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactGetItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedResponse;

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
public interface TenantTable<T> {

    /** @return the table's name */
    default String tableName() {
        throw new UnsupportedOperationException();
    }

    /** @return the table's schema */
    default TableSchema<T> tableSchema() {
        throw new UnsupportedOperationException();
    }

    /** @return the tenant this table is confined to */
    default Tenant tenant() {
        throw new UnsupportedOperationException();
    }

    /**
     * The table as a mapped resource, for building batch and transaction requests
     * ({@code ReadBatch.builder(Note.class).mappedTableResource(notes.mappedTable())}).
     *
     * @return the mapped table
     */
    default MappedTableResource<T> mappedTable() {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an item by key.
     *
     * @param key the application's key (partition value without the tenant prefix)
     * @return the item, or null when absent
     */
    default @Nullable T getItem(Key key) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an item by the key of an item.
     *
     * @param keyItem an item whose key attributes are set
     * @return the item, or null when absent
     */
    default @Nullable T getItem(T keyItem) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an item with options (consistent read, projection).
     *
     * @param request the request
     * @return the item, or null when absent
     */
    default @Nullable T getItem(GetItemEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an item with options.
     *
     * @param request configures the request
     * @return the item, or null when absent
     */
    default @Nullable T getItem(Consumer<GetItemEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes an item, replacing any with the same key.
     *
     * @param item the item, with application ids
     */
    default void putItem(T item) {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes an item with options (a condition expression: its failure is the SDK's
     * {@code ConditionalCheckFailedException}).
     *
     * @param request the request
     */
    default void putItem(PutItemEnhancedRequest<T> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Updates an item's non-null attributes, creating it if absent.
     *
     * @param item the item
     * @return the item as stored, with application ids
     */
    default T updateItem(T item) {
        throw new UnsupportedOperationException();
    }

    /**
     * Updates an item with options (nulls, conditions).
     *
     * @param request the request
     * @return the item as stored, with application ids
     */
    default T updateItem(UpdateItemEnhancedRequest<T> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an item by key.
     *
     * @param key the application's key
     * @return the deleted item, or null when there was none
     */
    default @Nullable T deleteItem(Key key) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an item by the key of an item.
     *
     * @param keyItem an item whose key attributes are set
     * @return the deleted item, or null when there was none
     */
    default @Nullable T deleteItem(T keyItem) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an item with options (conditions).
     *
     * @param request the request
     * @return the deleted item, or null when there was none
     */
    default @Nullable T deleteItem(DeleteItemEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Queries one partition of the tenant. Pages are fetched lazily; their {@code lastEvaluatedKey} holds
     * application ids.
     *
     * @param condition the key condition, with the application's partition value
     * @return the pages
     */
    default PageIterable<T> query(QueryConditional condition) {
        throw new UnsupportedOperationException();
    }

    /**
     * Queries with options (filter, projection, limit, consistent read, exclusive start key).
     *
     * @param request the request
     * @return the pages
     */
    default PageIterable<T> query(QueryEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Queries with options.
     *
     * @param request configures the request
     * @return the pages
     */
    default PageIterable<T> query(Consumer<QueryEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * A secondary index of this table, confined the same way. Global indexes qualify when their partition key is a
     * string (it carries the tenant prefix like the table's); local indexes share the table's partition key.
     *
     * @param indexName the index name as the schema declares it
     * @return the index
     * @throws IllegalArgumentException when the schema declares no such index
     */
    default TenantIndex<T> index(String indexName) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads items by key in batches of up to 100, and returns those found. Keys DynamoDB leaves unprocessed
     * (throttling) are asked again after a jittered exponential backoff (the SDK's {@code BackoffStrategy}), a bounded
     * number of times.
     *
     * @param keys application keys
     * @return the items found, in no particular order
     * @throws TenantClientException when keys stay unprocessed after the retries
     */
    default List<T> batchGetItems(Collection<Key> keys) {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes and deletes items in batches of up to 25. Items DynamoDB leaves unprocessed (throttling) are sent again
     * after a jittered exponential backoff (the SDK's {@code BackoffStrategy}), a bounded number of times; those still
     * unprocessed are returned, never dropped silently.
     *
     * @param puts items to write
     * @param deletes keys to delete
     * @return what stayed unprocessed; {@link BatchWriteItemsResult#complete()} when everything was written
     */
    default BatchWriteItemsResult<T> batchWriteItems(Collection<T> puts, Collection<Key> deletes) {
        throw new UnsupportedOperationException();
    }

    /**
     * Runs a write transaction. Build its items against {@link #mappedTable()} (or other tables of this session);
     * every key is confined to the tenant. A failed condition is the SDK's {@code TransactionCanceledException}.
     *
     * @param request configures the transaction
     */
    default void transactWriteItems(Consumer<TransactWriteItemsEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Runs a read transaction built against {@link #mappedTable()} (or other tables of this session).
     *
     * @param request configures the transaction
     * @return one document per item requested, in order ({@code document.getItem(table.mappedTable())})
     */
    default List<Document> transactGetItems(Consumer<TransactGetItemsEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes an item with options given by a builder (a condition expression).
     *
     * @param request configures the request; {@code item(...)} is required
     */
    default void putItem(Consumer<PutItemEnhancedRequest.Builder<T>> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes an item and returns DynamoDB's whole response: the old item ({@code returnValues}), consumed capacity, item collection metrics (whose keys are stored keys, with the tenant prefix).
     *
     * @param request the request
     * @return the response, items with application ids
     */
    default PutItemEnhancedResponse<T> putItemWithResponse(PutItemEnhancedRequest<T> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes an item and returns DynamoDB's whole response: the old item ({@code returnValues}), consumed capacity, item collection metrics (whose keys are stored keys, with the tenant prefix).
     *
     * @param request configures the request
     * @return the response, items with application ids
     */
    default PutItemEnhancedResponse<T> putItemWithResponse(Consumer<PutItemEnhancedRequest.Builder<T>> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an item and returns DynamoDB's whole response: the item (null when absent) and the consumed capacity.
     *
     * @param request the request
     * @return the response, items with application ids
     */
    default GetItemEnhancedResponse<T> getItemWithResponse(GetItemEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an item and returns DynamoDB's whole response: the item (null when absent) and the consumed capacity.
     *
     * @param request configures the request
     * @return the response, items with application ids
     */
    default GetItemEnhancedResponse<T> getItemWithResponse(Consumer<GetItemEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Updates an item and returns DynamoDB's whole response: the attributes {@code returnValues} asks for, consumed capacity, item collection metrics (stored keys).
     *
     * @param request the request
     * @return the response, items with application ids
     */
    default UpdateItemEnhancedResponse<T> updateItemWithResponse(UpdateItemEnhancedRequest<T> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Updates an item and returns DynamoDB's whole response: the attributes {@code returnValues} asks for, consumed capacity, item collection metrics (stored keys).
     *
     * @param request configures the request
     * @return the response, items with application ids
     */
    default UpdateItemEnhancedResponse<T> updateItemWithResponse(
            Consumer<UpdateItemEnhancedRequest.Builder<T>> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an item and returns DynamoDB's whole response: the deleted item, consumed capacity, item collection metrics (stored keys).
     *
     * @param request the request
     * @return the response, items with application ids
     */
    default DeleteItemEnhancedResponse<T> deleteItemWithResponse(DeleteItemEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an item and returns DynamoDB's whole response: the deleted item, consumed capacity, item collection metrics (stored keys).
     *
     * @param request configures the request
     * @return the response, items with application ids
     */
    default DeleteItemEnhancedResponse<T> deleteItemWithResponse(Consumer<DeleteItemEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Updates an item with options given by a builder.
     *
     * @param request configures the request; {@code item(...)} is required
     * @return the item as stored, with application ids
     */
    default T updateItem(Consumer<UpdateItemEnhancedRequest.Builder<T>> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an item with options given by a builder (conditions).
     *
     * @param request configures the request; {@code key(...)} is required
     * @return the deleted item, or null when there was none
     */
    default @Nullable T deleteItem(Consumer<DeleteItemEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Runs a write transaction given as a request (see {@link #transactWriteItems(Consumer)}).
     *
     * @param request the transaction
     */
    default void transactWriteItems(TransactWriteItemsEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Runs a read transaction given as a request (see {@link #transactGetItems(Consumer)}).
     *
     * @param request the transaction
     * @return one document per item requested, in order
     */
    default List<Document> transactGetItems(TransactGetItemsEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }
}
