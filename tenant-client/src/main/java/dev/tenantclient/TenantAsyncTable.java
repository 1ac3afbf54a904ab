/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import software.amazon.awssdk.enhanced.dynamodb.model.PagePublisher;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedResponse;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactGetItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedResponse;

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
public interface TenantAsyncTable<T> {

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
     * The table as a mapped resource, for building batch and transaction requests.
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
    default CompletableFuture<@Nullable T> getItem(Key key) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an item by the key of an item.
     *
     * @param keyItem an item whose key attributes are set
     * @return the item, or null when absent
     */
    default CompletableFuture<@Nullable T> getItem(T keyItem) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an item with options (consistent read, projection).
     *
     * @param request the request
     * @return the item, or null when absent
     */
    default CompletableFuture<@Nullable T> getItem(GetItemEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an item with options.
     *
     * @param request configures the request
     * @return the item, or null when absent
     */
    default CompletableFuture<@Nullable T> getItem(Consumer<GetItemEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes an item, replacing any with the same key.
     *
     * @param item the item, with application ids
     * @return completes when written
     */
    default CompletableFuture<Void> putItem(T item) {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes an item with options (a condition expression: its failure is the SDK's
     * {@code ConditionalCheckFailedException}).
     *
     * @param request the request
     * @return completes when written
     */
    default CompletableFuture<Void> putItem(PutItemEnhancedRequest<T> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes an item with options.
     *
     * @param request configures the request
     * @return completes when written
     */
    default CompletableFuture<Void> putItem(Consumer<PutItemEnhancedRequest.Builder<T>> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Updates an item's non-null attributes, creating it if absent.
     *
     * @param item the item
     * @return the item as stored, with application ids
     */
    default CompletableFuture<T> updateItem(T item) {
        throw new UnsupportedOperationException();
    }

    /**
     * Updates an item with options (nulls, conditions).
     *
     * @param request the request
     * @return the item as stored, with application ids
     */
    default CompletableFuture<T> updateItem(UpdateItemEnhancedRequest<T> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Updates an item with options.
     *
     * @param request configures the request
     * @return the item as stored, with application ids
     */
    default CompletableFuture<T> updateItem(Consumer<UpdateItemEnhancedRequest.Builder<T>> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an item by key.
     *
     * @param key the application's key
     * @return the deleted item, or null when there was none
     */
    default CompletableFuture<@Nullable T> deleteItem(Key key) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an item by the key of an item.
     *
     * @param keyItem an item whose key attributes are set
     * @return the deleted item, or null when there was none
     */
    default CompletableFuture<@Nullable T> deleteItem(T keyItem) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an item with options (conditions).
     *
     * @param request the request
     * @return the deleted item, or null when there was none
     */
    default CompletableFuture<@Nullable T> deleteItem(DeleteItemEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an item with options.
     *
     * @param request configures the request
     * @return the deleted item, or null when there was none
     */
    default CompletableFuture<@Nullable T> deleteItem(Consumer<DeleteItemEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Queries one partition of the tenant. Pages are requested as the subscriber demands them; their
     * {@code lastEvaluatedKey} holds application ids; {@code items()} flattens them.
     *
     * @param condition the key condition, with the application's partition value
     * @return the pages
     */
    default PagePublisher<T> query(QueryConditional condition) {
        throw new UnsupportedOperationException();
    }

    /**
     * Queries with options (filter, projection, limit, consistent read, exclusive start key).
     *
     * @param request the request
     * @return the pages
     */
    default PagePublisher<T> query(QueryEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Queries with options.
     *
     * @param request configures the request
     * @return the pages
     */
    default PagePublisher<T> query(Consumer<QueryEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * A secondary index of this table, confined the same way as {@link TenantTable#index(String)}.
     *
     * @param indexName the index name as the schema declares it
     * @return the index
     * @throws IllegalArgumentException when the schema declares no such index
     */
    default TenantAsyncIndex<T> index(String indexName) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads items by key in batches of up to 100 (one after the other), and returns those found. Keys DynamoDB leaves
     * unprocessed are asked again after a jittered exponential backoff, without blocking a thread, a bounded number of
     * times.
     *
     * @param keys application keys
     * @return the items found, in no particular order; {@link TenantClientException} when keys stay unprocessed
     *     after the retries
     */
    default CompletableFuture<List<T>> batchGetItems(Collection<Key> keys) {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes and deletes items in batches of up to 25 (one after the other). Items DynamoDB leaves unprocessed are
     * sent again after a jittered exponential backoff, without blocking a thread, a bounded number of times; those
     * still unprocessed are returned.
     *
     * @param puts items to write
     * @param deletes keys to delete
     * @return what stayed unprocessed; {@link BatchWriteItemsResult#complete()} when everything was written
     */
    default CompletableFuture<BatchWriteItemsResult<T>> batchWriteItems(Collection<T> puts, Collection<Key> deletes) {
        throw new UnsupportedOperationException();
    }

    /**
     * Runs a write transaction. Build its items against {@link #mappedTable()} (or other tables of this session);
     * every key is confined to the tenant. A failed condition is the SDK's {@code TransactionCanceledException}.
     *
     * @param request configures the transaction
     * @return completes when committed
     */
    default CompletableFuture<Void> transactWriteItems(Consumer<TransactWriteItemsEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Runs a read transaction built against {@link #mappedTable()} (or other tables of this session).
     *
     * @param request configures the transaction
     * @return one document per item requested, in order ({@code document.getItem(table.mappedTable())})
     */
    default CompletableFuture<List<Document>> transactGetItems(
            Consumer<TransactGetItemsEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes an item and returns DynamoDB's whole response: the old item ({@code returnValues}), consumed capacity, item collection metrics (whose keys are stored keys, with the tenant prefix).
     *
     * @param request the request
     * @return the response, items with application ids
     */
    default CompletableFuture<PutItemEnhancedResponse<T>> putItemWithResponse(PutItemEnhancedRequest<T> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes an item and returns DynamoDB's whole response: the old item ({@code returnValues}), consumed capacity, item collection metrics (whose keys are stored keys, with the tenant prefix).
     *
     * @param request configures the request
     * @return the response, items with application ids
     */
    default CompletableFuture<PutItemEnhancedResponse<T>> putItemWithResponse(
            Consumer<PutItemEnhancedRequest.Builder<T>> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an item and returns DynamoDB's whole response: the item (null when absent) and the consumed capacity.
     *
     * @param request the request
     * @return the response, items with application ids
     */
    default CompletableFuture<GetItemEnhancedResponse<T>> getItemWithResponse(GetItemEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an item and returns DynamoDB's whole response: the item (null when absent) and the consumed capacity.
     *
     * @param request configures the request
     * @return the response, items with application ids
     */
    default CompletableFuture<GetItemEnhancedResponse<T>> getItemWithResponse(
            Consumer<GetItemEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Updates an item and returns DynamoDB's whole response: the attributes {@code returnValues} asks for, consumed capacity, item collection metrics (stored keys).
     *
     * @param request the request
     * @return the response, items with application ids
     */
    default CompletableFuture<UpdateItemEnhancedResponse<T>> updateItemWithResponse(
            UpdateItemEnhancedRequest<T> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Updates an item and returns DynamoDB's whole response: the attributes {@code returnValues} asks for, consumed capacity, item collection metrics (stored keys).
     *
     * @param request configures the request
     * @return the response, items with application ids
     */
    default CompletableFuture<UpdateItemEnhancedResponse<T>> updateItemWithResponse(
            Consumer<UpdateItemEnhancedRequest.Builder<T>> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an item and returns DynamoDB's whole response: the deleted item, consumed capacity, item collection metrics (stored keys).
     *
     * @param request the request
     * @return the response, items with application ids
     */
    default CompletableFuture<DeleteItemEnhancedResponse<T>> deleteItemWithResponse(DeleteItemEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an item and returns DynamoDB's whole response: the deleted item, consumed capacity, item collection metrics (stored keys).
     *
     * @param request configures the request
     * @return the response, items with application ids
     */
    default CompletableFuture<DeleteItemEnhancedResponse<T>> deleteItemWithResponse(
            Consumer<DeleteItemEnhancedRequest.Builder> request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Runs a write transaction given as a request (see {@link #transactWriteItems(Consumer)}).
     *
     * @param request the transaction
     * @return completes when committed
     */
    default CompletableFuture<Void> transactWriteItems(TransactWriteItemsEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }

    /**
     * Runs a read transaction given as a request (see {@link #transactGetItems(Consumer)}).
     *
     * @param request the transaction
     * @return one document per item requested, in order
     */
    default CompletableFuture<List<Document>> transactGetItems(TransactGetItemsEnhancedRequest request) {
        throw new UnsupportedOperationException();
    }
}
