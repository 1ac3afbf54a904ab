/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.internal.ObservedCalls;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The {@link DynamoDbAsyncClient} a session's async Enhanced Client talks to: {@link TenantDynamoDbClient} over the
 * shared async client, with the same {@link DynamoDbRequestGuard} on every request. A request the guard refuses
 * never reaches the shared client; the refusal is the returned future's failure (a {@link TenantBoundaryException}),
 * as the SDK reports its own errors. Scan and PartiQL are refused the same way; every other operation not
 * overridden here keeps the interface's default, which throws {@link UnsupportedOperationException} (fail closed,
 * as the sync client does). The paginators ({@code queryPaginator}, {@code batchGetItemPaginator}) are the
 * interface's defaults, which page through the overridden operations.
 *
 * <p>Nothing here blocks: the guard is pure computation, and each request waits for the session's credentials as a
 * future ({@code resolveIdentity()}) before it is handed to the SDK (see {@link #send}).
 */
public final class TenantDynamoDbAsyncClient implements DynamoDbAsyncClient {

    private final DynamoDbAsyncClient shared;
    private final DynamoDbRequestGuard guard;
    private final RequestCredentials credentials;
    private final Dispatch dispatch;

    /**
     * Creates the client.
     *
     * @param shared the application's shared async client (not closed here)
     * @param guard the session's guard, the one its sync client uses
     */
    public TenantDynamoDbAsyncClient(DynamoDbAsyncClient shared, DynamoDbRequestGuard guard) {
        this(shared, guard, ObservedCalls.NONE);
    }

    /**
     * Creates the client, observing each request it sends.
     *
     * @param shared the application's shared async client (not closed here)
     * @param guard the session's guard, the one its sync client uses
     * @param calls observes each request sent on the shared client, until its future completes
     */
    public TenantDynamoDbAsyncClient(DynamoDbAsyncClient shared, DynamoDbRequestGuard guard, ObservedCalls calls) {
        this.shared = shared;
        this.guard = guard;
        this.credentials = guard.requestCredentials();
        this.dispatch = new Dispatch(calls);
    }

    /**
     * Registers a schema of a table (see {@link TableRegistry#register(String, TableSchema)}).
     *
     * @param table the table name
     * @param schema its schema
     * @return the table's keys
     * @throws TenantBoundaryException when the schema conflicts with one registered before
     */
    public TableKeys register(String table, TableSchema<?> schema) {
        return guard.tables().register(table, schema);
    }

    /**
     * Sends a guarded request through the {@link Dispatch} once the session's credentials are resolved, signed with
     * exactly those (see {@link RequestCredentials#resolved}). On a cache miss the request leaves from the thread that
     * completes the exchange, never from a thread that waited for it.
     */
    private <Q extends DynamoDbRequest, R> CompletableFuture<R> send(
            Supplier<Guarded<Q, R>> guarded, Function<Q, CompletableFuture<R>> operation) {
        Guarded<Q, R> call;
        CompletableFuture<R> sent;
        try {
            call = guarded.get();
            sent = sent(call.request(), operation);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                throw new CompletionException(cause instanceof RuntimeException r ? call.failure(r) : cause);
            }
            return call.response(response);
        });
    }

    /** One request with resolved credentials, through the {@link Dispatch}. */
    private <Q extends DynamoDbRequest, R> CompletableFuture<R> sent(
            Q request, Function<Q, CompletableFuture<R>> operation) {
        return credentials.resolved(request).thenCompose(q -> dispatch.sendAsync(q, operation));
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    // ------------------------------------------------------------------------------------------ operations

    @Override
    public CompletableFuture<GetItemResponse> getItem(GetItemRequest request) {
        return send(() -> guard.getItem(request), shared::getItem);
    }

    @Override
    public CompletableFuture<PutItemResponse> putItem(PutItemRequest request) {
        return send(() -> guard.putItem(request), shared::putItem);
    }

    @Override
    public CompletableFuture<UpdateItemResponse> updateItem(UpdateItemRequest request) {
        return send(() -> guard.updateItem(request), shared::updateItem);
    }

    @Override
    public CompletableFuture<DeleteItemResponse> deleteItem(DeleteItemRequest request) {
        return send(() -> guard.deleteItem(request), shared::deleteItem);
    }

    @Override
    public CompletableFuture<QueryResponse> query(QueryRequest request) {
        QueryPages pages;
        try {
            pages = guard.query(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return page(pages, pages.request());
    }

    /** Sends one request of a query call and, while the guard asks for more, the next. */
    private CompletableFuture<QueryResponse> page(QueryPages pages, QueryRequest request) {
        CompletableFuture<QueryResponse> sent;
        try {
            sent = sent(request, shared::query);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sent.thenCompose(response -> {
            QueryRequest next = pages.next(response);
            return next == null ? CompletableFuture.completedFuture(pages.response()) : page(pages, next);
        });
    }

    @Override
    public CompletableFuture<BatchGetItemResponse> batchGetItem(BatchGetItemRequest request) {
        return send(() -> guard.batchGetItem(request), shared::batchGetItem);
    }

    @Override
    public CompletableFuture<BatchWriteItemResponse> batchWriteItem(BatchWriteItemRequest request) {
        return send(() -> guard.batchWriteItem(request), shared::batchWriteItem);
    }

    @Override
    public CompletableFuture<TransactGetItemsResponse> transactGetItems(TransactGetItemsRequest request) {
        return send(() -> guard.transactGetItems(request), shared::transactGetItems);
    }

    @Override
    public CompletableFuture<TransactWriteItemsResponse> transactWriteItems(TransactWriteItemsRequest request) {
        return send(() -> guard.transactWriteItems(request), shared::transactWriteItems);
    }

    @Override
    public CompletableFuture<ScanResponse> scan(ScanRequest request) {
        return CompletableFuture.failedFuture(Refusals.scan());
    }

    @Override
    public CompletableFuture<ExecuteStatementResponse> executeStatement(ExecuteStatementRequest request) {
        return CompletableFuture.failedFuture(Refusals.partiQl());
    }

    @Override
    public CompletableFuture<BatchExecuteStatementResponse> batchExecuteStatement(
            BatchExecuteStatementRequest request) {
        return CompletableFuture.failedFuture(Refusals.partiQl());
    }

    @Override
    public CompletableFuture<ExecuteTransactionResponse> executeTransaction(ExecuteTransactionRequest request) {
        return CompletableFuture.failedFuture(Refusals.partiQl());
    }

    @Override
    public String serviceName() {
        return shared.serviceName();
    }

    @Override
    public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
        return shared.serviceClientConfiguration();
    }

    @Override
    public void close() {
        // the shared client belongs to the application or the TenantClient
    }

    @Override
    public String toString() {
        return "TenantDynamoDbAsyncClient{" + guard.keys() + ", tables=" + guard.tables() + "}";
    }
}
