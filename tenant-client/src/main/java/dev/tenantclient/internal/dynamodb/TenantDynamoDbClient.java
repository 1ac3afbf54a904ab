/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.BoundaryListener;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.internal.ObservedCalls;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
 * The {@link DynamoDbClient} a session's Enhanced Client talks to. Every request passes the session's
 * {@link DynamoDbRequestGuard} — (1) each tenant attribute rewritten from the application's id to the stored key,
 * (2) every leading key checked against the same predicate as the IAM {@code LeadingKeys} condition, (3) the
 * session's credentials set — and is sent on the shared client; (4) the response's stored keys are rewritten back
 * to application ids, refusing any item from outside the tenant. Operations IAM cannot confine (Scan, PartiQL) are
 * refused ({@link Refusals}); each guarded request goes to the shared client through {@link Dispatch#send}; every
 * operation not overridden here keeps the interface's default, which throws
 * {@link UnsupportedOperationException} (fail closed). {@link TenantDynamoDbAsyncClient} is the same over the async
 * client, with the same guard.
 */
public final class TenantDynamoDbClient implements DynamoDbClient {

    private final DynamoDbClient shared;
    private final DynamoDbRequestGuard guard;
    private final Dispatch dispatch;

    /**
     * Creates the client with a table registry of its own.
     *
     * @param shared the application's shared client (not closed here)
     * @param credentials the session's credentials
     * @param keys the tenant's partition-key rule
     */
    public TenantDynamoDbClient(DynamoDbClient shared, AwsCredentialsProvider credentials, PartitionKeys keys) {
        this(shared, credentials, keys, new TableRegistry(), new BoundaryEvents(BoundaryListener.NONE));
    }

    /**
     * Creates the client.
     *
     * @param shared the application's shared client (not closed here)
     * @param credentials the session's credentials
     * @param keys the tenant's partition-key rule
     * @param tables the tables opened through the application's {@code TenantClient}, shared by its sessions
     * @param events where items the guard filtered out are reported
     */
    public TenantDynamoDbClient(
            DynamoDbClient shared,
            AwsCredentialsProvider credentials,
            PartitionKeys keys,
            TableRegistry tables,
            BoundaryEvents events) {
        this(shared, new DynamoDbRequestGuard(credentials, keys, tables, events));
    }

    /**
     * Creates the client over a guard.
     *
     * @param shared the application's shared client (not closed here)
     * @param guard the session's guard
     */
    public TenantDynamoDbClient(DynamoDbClient shared, DynamoDbRequestGuard guard) {
        this(shared, guard, ObservedCalls.NONE);
    }

    /**
     * Creates the client over a guard, observing each request it sends.
     *
     * @param shared the application's shared client (not closed here)
     * @param guard the session's guard
     * @param calls observes each request sent on the shared client
     */
    public TenantDynamoDbClient(DynamoDbClient shared, DynamoDbRequestGuard guard, ObservedCalls calls) {
        this.shared = shared;
        this.guard = guard;
        this.dispatch = new Dispatch(calls);
    }

    /**
     * Registers a schema of a table (see {@link TableRegistry#register(String, TableSchema)}).
     *
     * @param table the table name
     * @param schema its schema
     * @return the table's keys, as every schema registered for it so far declares them
     * @throws TenantBoundaryException when the schema conflicts with one registered before
     */
    public TableKeys register(String table, TableSchema<?> schema) {
        return guard.tables().register(table, schema);
    }

    /** @return the tenant's partition-key rule */
    public PartitionKeys keys() {
        return guard.keys();
    }

    /**
     * The guard: every leading key of a request must carry the tenant (see
     * {@link DynamoDbRequestGuard#guard(TableKeys, String, Map)}).
     *
     * @param t the table
     * @param index the index queried, or null
     * @param key the attributes holding the leading key
     * @throws TenantBoundaryException when a leading key is missing or outside the tenant
     */
    public void guard(TableKeys t, @Nullable String index, Map<String, AttributeValue> key) {
        guard.guard(t, index, key);
    }

    /** Sends a guarded call through the {@link Dispatch} and hands back its response or failure, stripped. */
    private <Q extends DynamoDbRequest, R> R send(Guarded<Q, R> call, Function<Q, R> operation) {
        R response;
        try {
            response = dispatch.send(call.request(), operation);
        } catch (RuntimeException e) {
            throw call.failure(e);
        }
        return call.response(response);
    }

    // ------------------------------------------------------------------------------------------ operations

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return send(guard.getItem(request), shared::getItem);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return send(guard.putItem(request), shared::putItem);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return send(guard.updateItem(request), shared::updateItem);
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return send(guard.deleteItem(request), shared::deleteItem);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        QueryPages pages = guard.query(request);
        QueryRequest next = pages.request();
        while (next != null) {
            next = pages.next(dispatch.send(next, shared::query));
        }
        return pages.response();
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return send(guard.batchGetItem(request), shared::batchGetItem);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        return send(guard.batchWriteItem(request), shared::batchWriteItem);
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
        return send(guard.transactGetItems(request), shared::transactGetItems);
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return send(guard.transactWriteItems(request), shared::transactWriteItems);
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        throw Refusals.scan();
    }

    @Override
    public ExecuteStatementResponse executeStatement(ExecuteStatementRequest request) {
        throw Refusals.partiQl();
    }

    @Override
    public BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest request) {
        throw Refusals.partiQl();
    }

    @Override
    public ExecuteTransactionResponse executeTransaction(ExecuteTransactionRequest request) {
        throw Refusals.partiQl();
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
        return "TenantDynamoDbClient{" + guard.keys() + ", tables=" + guard.tables() + "}";
    }
}
