/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.BoundaryListener;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.internal.dynamodb.Expressions.Condition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
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
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The {@link DynamoDbClient} a session's Enhanced Client talks to. For every request it (1) rewrites each tenant
 * attribute (the partition keys of the table and its global indexes) from the application's id to the stored key,
 * (2) runs the guard — every leading key must satisfy the same predicate as the IAM {@code LeadingKeys} condition —
 * (3) signs with the session's credentials on the shared client, and (4) rewrites stored keys in the response back
 * to application ids, refusing any item from outside the tenant. Operations IAM cannot confine (Scan, PartiQL) are
 * refused.
 */
public final class TenantDynamoDbClient implements DynamoDbClient {

    private final DynamoDbClient shared;
    private final AwsCredentialsProvider credentials;
    private final AwsRequestOverrideConfiguration sessionOverride;
    private final PartitionKeys keys;
    private final TableRegistry tables;
    private final BoundaryEvents events;

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
        this.shared = shared;
        this.credentials = credentials;
        this.sessionOverride = AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(credentials)
                .build();
        this.keys = keys;
        this.tables = tables;
        this.events = events;
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
        return tables.register(table, schema);
    }

    /** @return the tenant's partition-key rule */
    public PartitionKeys keys() {
        return keys;
    }

    // ------------------------------------------------------------------------------------------ operations

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        TableKeys t = table(request.tableName());
        refuseLegacy("GetItem", request.hasAttributesToGet(), "AttributesToGet", "ProjectionExpression");
        projection(t, request.expressionAttributeNames(), request.projectionExpression());
        GetItemRequest out = request.toBuilder()
                .key(toStored(t, request.key()))
                .overrideConfiguration(override(request))
                .build();
        guard(t, null, out.key());
        GetItemResponse response = shared.getItem(out);
        return response.hasItem()
                ? response.toBuilder().item(toApplication(t, response.item())).build()
                : response;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        TableKeys t = table(request.tableName());
        refuseLegacy("PutItem", request.hasExpected(), "Expected", "ConditionExpression");
        refuseLegacy(
                "PutItem", request.conditionalOperatorAsString() != null, "ConditionalOperator", "ConditionExpression");
        refuseUnknown(
                "ReturnValues",
                request.returnValuesAsString(),
                request.returnValues() == ReturnValue.UNKNOWN_TO_SDK_VERSION);
        refuseUnknown(
                "ReturnValuesOnConditionCheckFailure",
                request.returnValuesOnConditionCheckFailureAsString(),
                request.returnValuesOnConditionCheckFailure()
                        == ReturnValuesOnConditionCheckFailure.UNKNOWN_TO_SDK_VERSION);
        ExpressionGuard expressions = new ExpressionGuard(t, request.expressionAttributeNames());
        expressions.condition(request.conditionExpression(), "condition expression");
        PutItemRequest.Builder b =
                request.toBuilder().item(toStoredItem(t, request.item())).overrideConfiguration(override(request));
        Map<String, AttributeValue> values = expressions.values(request.expressionAttributeValues(), keys);
        if (request.hasExpressionAttributeValues()) {
            b.expressionAttributeValues(values);
        }
        PutItemRequest out = b.build();
        guard(t, null, out.item());
        PutItemResponse response;
        try {
            response = shared.putItem(out);
        } catch (ConditionalCheckFailedException e) {
            throw withOwnItem(t, e);
        }
        return response.hasAttributes()
                ? response.toBuilder()
                        .attributes(toApplication(t, response.attributes()))
                        .build()
                : response;
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        TableKeys t = table(request.tableName());
        refuseLegacy("UpdateItem", request.hasAttributeUpdates(), "AttributeUpdates", "UpdateExpression");
        refuseLegacy("UpdateItem", request.hasExpected(), "Expected", "ConditionExpression");
        refuseLegacy(
                "UpdateItem",
                request.conditionalOperatorAsString() != null,
                "ConditionalOperator",
                "ConditionExpression");
        refuseUnknown(
                "ReturnValues",
                request.returnValuesAsString(),
                request.returnValues() == ReturnValue.UNKNOWN_TO_SDK_VERSION);
        refuseUnknown(
                "ReturnValuesOnConditionCheckFailure",
                request.returnValuesOnConditionCheckFailureAsString(),
                request.returnValuesOnConditionCheckFailure()
                        == ReturnValuesOnConditionCheckFailure.UNKNOWN_TO_SDK_VERSION);
        ExpressionGuard expressions = new ExpressionGuard(t, request.expressionAttributeNames());
        expressions.update(request.updateExpression());
        expressions.condition(request.conditionExpression(), "condition expression");
        UpdateItemRequest.Builder b =
                request.toBuilder().key(toStored(t, request.key())).overrideConfiguration(override(request));
        Map<String, AttributeValue> values = expressions.values(request.expressionAttributeValues(), keys);
        if (request.hasExpressionAttributeValues()) {
            b.expressionAttributeValues(values);
        }
        UpdateItemRequest out = b.build();
        guard(t, null, out.key());
        UpdateItemResponse response;
        try {
            response = shared.updateItem(out);
        } catch (ConditionalCheckFailedException e) {
            throw withOwnItem(t, e);
        }
        return response.hasAttributes()
                ? response.toBuilder()
                        .attributes(toApplication(t, response.attributes()))
                        .build()
                : response;
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        TableKeys t = table(request.tableName());
        refuseLegacy("DeleteItem", request.hasExpected(), "Expected", "ConditionExpression");
        refuseLegacy(
                "DeleteItem",
                request.conditionalOperatorAsString() != null,
                "ConditionalOperator",
                "ConditionExpression");
        refuseUnknown(
                "ReturnValues",
                request.returnValuesAsString(),
                request.returnValues() == ReturnValue.UNKNOWN_TO_SDK_VERSION);
        refuseUnknown(
                "ReturnValuesOnConditionCheckFailure",
                request.returnValuesOnConditionCheckFailureAsString(),
                request.returnValuesOnConditionCheckFailure()
                        == ReturnValuesOnConditionCheckFailure.UNKNOWN_TO_SDK_VERSION);
        ExpressionGuard expressions = new ExpressionGuard(t, request.expressionAttributeNames());
        expressions.condition(request.conditionExpression(), "condition expression");
        DeleteItemRequest.Builder b =
                request.toBuilder().key(toStored(t, request.key())).overrideConfiguration(override(request));
        Map<String, AttributeValue> values = expressions.values(request.expressionAttributeValues(), keys);
        if (request.hasExpressionAttributeValues()) {
            b.expressionAttributeValues(values);
        }
        DeleteItemRequest out = b.build();
        guard(t, null, out.key());
        DeleteItemResponse response;
        try {
            response = shared.deleteItem(out);
        } catch (ConditionalCheckFailedException e) {
            throw withOwnItem(t, e);
        }
        return response.hasAttributes()
                ? response.toBuilder()
                        .attributes(toApplication(t, response.attributes()))
                        .build()
                : response;
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        TableKeys t = table(request.tableName());
        String attribute = t.partitionKeyOf(request.indexName())
                .orElseThrow(() -> new TenantBoundaryException("Index '" + request.indexName() + "' of table '"
                        + t.table() + "' is not keyed by the tenant; IAM cannot" + " confine a query on it"));
        refuseLegacy("Query", request.hasKeyConditions(), "KeyConditions", "KeyConditionExpression");
        refuseLegacy("Query", request.hasQueryFilter(), "QueryFilter", "FilterExpression");
        refuseLegacy("Query", request.hasAttributesToGet(), "AttributesToGet", "ProjectionExpression");
        refuseLegacy("Query", request.conditionalOperatorAsString() != null, "ConditionalOperator", "FilterExpression");
        refuseUnknown("Select", request.selectAsString(), request.select() == Select.UNKNOWN_TO_SDK_VERSION);
        ExpressionGuard expressions = new ExpressionGuard(t, request.expressionAttributeNames());
        if (request.keyConditionExpression() == null) {
            throw new TenantBoundaryException("A query without a key condition cannot be confined (KeyConditions,"
                    + " the legacy parameter, is not supported)");
        }
        Condition keyCondition = expressions.condition(request.keyConditionExpression(), "key condition expression");
        expressions.condition(request.filterExpression(), "filter expression");
        Map<String, AttributeValue> values = expressions.values(request.expressionAttributeValues(), keys);
        List<String> bound = ExpressionGuard.equalityBindings(keyCondition, attribute);
        if (bound.isEmpty()) {
            throw new TenantBoundaryException("The query's key condition does not bind partition key '" + attribute
                    + "' with '='; IAM could not confine it");
        }
        for (String placeholder : bound) {
            AttributeValue v = values.get(placeholder);
            guard(t, request.indexName(), v == null ? Map.of() : Map.of(attribute, v));
        }
        QueryRequest.Builder b = request.toBuilder();
        if (request.hasExpressionAttributeValues()) {
            b.expressionAttributeValues(values);
        }
        if (request.hasExclusiveStartKey()) {
            b.exclusiveStartKey(toStoredItem(t, request.exclusiveStartKey()));
        }
        boolean globalIndex =
                request.indexName() != null && t.indexPartitionKeys().containsKey(request.indexName());
        boolean projectedForCheck = false;
        if (globalIndex) {
            if (request.select() == Select.COUNT) {
                throw new TenantBoundaryException("Select.COUNT on global index '" + request.indexName() + "' of table"
                        + " '" + t.table() + "' would count items other tenants planted in the index; query the items"
                        + " and count them");
            }
            if (request.projectionExpression() != null
                    && !expressions.projection(request.projectionExpression()).contains(t.partitionKey())) {
                // the table's partition key tells whose item an index entry is: fetch it, check it, drop it again
                String alias = "#tenantClientTableKey";
                while (request.expressionAttributeNames().containsKey(alias)) {
                    alias += "_";
                }
                Map<String, String> names = new HashMap<>(request.expressionAttributeNames());
                names.put(alias, t.partitionKey());
                b.projectionExpression(request.projectionExpression() + ", " + alias)
                        .expressionAttributeNames(names);
                projectedForCheck = true;
            }
        } else if (request.projectionExpression() != null) {
            expressions.projection(request.projectionExpression());
        }
        QueryRequest out = b.overrideConfiguration(override(request)).build();
        QueryResponse response = shared.query(out);
        if (globalIndex) {
            response = ownItemsOnly(t, request.indexName(), out, response);
        }
        QueryResponse.Builder r = response.toBuilder();
        if (response.hasItems()) {
            boolean dropTableKey = projectedForCheck;
            r.items(response.items().stream()
                    .map(item -> {
                        Map<String, AttributeValue> app = toApplication(t, item);
                        if (dropTableKey) {
                            app.remove(t.partitionKey());
                        }
                        return app;
                    })
                    .toList());
        }
        if (response.hasLastEvaluatedKey()) {
            r.lastEvaluatedKey(toApplication(t, response.lastEvaluatedKey()));
        }
        return r.build();
    }

    /**
     * A global index page without the items of other tenants. IAM confines a write by the table's partition key
     * only, so any tenant can put another tenant's value into an index key attribute of its own item; DynamoDB always
     * projects the table's key into the index, and an entry whose table partition key is not the caller's is
     * dropped (counted and logged), never returned and never thrown on. When the page ends on such an entry, its
     * last evaluated key (another tenant's key) is replaced by the key of the page's last own item, or, when the page
     * has none, the query continues past it, so paging neither leaks nor stops.
     */
    private QueryResponse ownItemsOnly(TableKeys t, String index, QueryRequest out, QueryResponse first) {
        QueryResponse response = first;
        List<Map<String, AttributeValue>> own = new ArrayList<>();
        int dropped = 0;
        int scanned = 0;
        while (true) {
            scanned += response.scannedCount() == null ? 0 : response.scannedCount();
            for (Map<String, AttributeValue> item : response.items()) {
                if (ownsTableKey(t, item)) {
                    own.add(item);
                } else {
                    dropped++;
                }
            }
            Map<String, AttributeValue> last = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
            if (last.isEmpty() || ownsTableKey(t, last)) {
                break;
            }
            Map<String, AttributeValue> lastOwn = own.isEmpty() ? null : own.get(own.size() - 1);
            if (lastOwn != null && lastOwn.keySet().containsAll(last.keySet())) {
                Map<String, AttributeValue> restart = new HashMap<>();
                last.keySet().forEach(k -> restart.put(k, lastOwn.get(k)));
                response = response.toBuilder().lastEvaluatedKey(restart).build();
                break;
            }
            response = shared.query(out.toBuilder().exclusiveStartKey(last).build());
        }
        if (dropped > 0) {
            events.foreignItemsDropped(t.table(), index, dropped);
        }
        return response.toBuilder()
                .items(own)
                .count(own.size())
                .scannedCount(scanned)
                .build();
    }

    private boolean ownsTableKey(TableKeys t, Map<String, AttributeValue> item) {
        AttributeValue v = item.get(t.partitionKey());
        return v != null && v.s() != null && keys.owns(v.s());
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        Map<String, KeysAndAttributes> items = new LinkedHashMap<>();
        request.requestItems().forEach((name, ka) -> {
            TableKeys t = table(name);
            refuseLegacy("BatchGetItem", ka.hasAttributesToGet(), "AttributesToGet", "ProjectionExpression");
            projection(t, ka.expressionAttributeNames(), ka.projectionExpression());
            List<Map<String, AttributeValue>> stored = new ArrayList<>();
            for (Map<String, AttributeValue> key : ka.keys()) {
                Map<String, AttributeValue> s = toStored(t, key);
                guard(t, null, s);
                stored.add(s);
            }
            items.put(name, ka.toBuilder().keys(stored).build());
        });
        BatchGetItemRequest out = request.toBuilder()
                .requestItems(items)
                .overrideConfiguration(override(request))
                .build();
        BatchGetItemResponse response = shared.batchGetItem(out);
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        response.responses()
                .forEach((name, list) -> responses.put(
                        name,
                        list.stream()
                                .map(item -> toApplication(table(name), item))
                                .toList()));
        Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>();
        response.unprocessedKeys()
                .forEach((name, ka) -> unprocessed.put(
                        name,
                        ka.toBuilder()
                                .keys(ka.keys().stream()
                                        .map(k -> toApplication(table(name), k))
                                        .toList())
                                .build()));
        return response.toBuilder()
                .responses(responses)
                .unprocessedKeys(unprocessed)
                .build();
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        Map<String, List<WriteRequest>> items = new LinkedHashMap<>();
        request.requestItems()
                .forEach((name, writes) -> items.put(
                        name,
                        writes.stream().map(w -> rewrite(table(name), w, true)).toList()));
        BatchWriteItemRequest out = request.toBuilder()
                .requestItems(items)
                .overrideConfiguration(override(request))
                .build();
        BatchWriteItemResponse response = shared.batchWriteItem(out);
        Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>();
        response.unprocessedItems()
                .forEach((name, writes) -> unprocessed.put(
                        name,
                        writes.stream().map(w -> rewrite(table(name), w, false)).toList()));
        return response.toBuilder().unprocessedItems(unprocessed).build();
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
        List<TableKeys> order = new ArrayList<>();
        List<TransactGetItem> items = new ArrayList<>();
        for (TransactGetItem item : request.transactItems()) {
            Get get = item.get();
            if (get == null) {
                throw new TenantBoundaryException("A read transaction item without a Get cannot be confined");
            }
            TableKeys t = table(get.tableName());
            projection(t, get.expressionAttributeNames(), get.projectionExpression());
            Map<String, AttributeValue> key = toStored(t, get.key());
            guard(t, null, key);
            order.add(t);
            items.add(item.toBuilder().get(get.toBuilder().key(key).build()).build());
        }
        TransactGetItemsRequest out = request.toBuilder()
                .transactItems(items)
                .overrideConfiguration(override(request))
                .build();
        TransactGetItemsResponse response = shared.transactGetItems(out);
        if (!response.hasResponses()) {
            return response;
        }
        List<ItemResponse> stripped = new ArrayList<>();
        for (int i = 0; i < response.responses().size(); i++) {
            ItemResponse r = response.responses().get(i);
            stripped.add(
                    r.hasItem()
                            ? r.toBuilder()
                                    .item(toApplication(order.get(i), r.item()))
                                    .build()
                            : r);
        }
        return response.toBuilder().responses(stripped).build();
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        List<TransactWriteItem> items = new ArrayList<>();
        List<TableKeys> order = new ArrayList<>();
        for (TransactWriteItem item : request.transactItems()) {
            TransactWriteItem.Builder b = item.toBuilder();
            order.add(table(tableOf(item)));
            if (item.put() != null) {
                Put p = item.put();
                TableKeys t = table(p.tableName());
                ExpressionGuard expressions = new ExpressionGuard(t, p.expressionAttributeNames());
                expressions.condition(p.conditionExpression(), "condition expression");
                Map<String, AttributeValue> stored = toStoredItem(t, p.item());
                guard(t, null, stored);
                Put.Builder pb = p.toBuilder().item(stored);
                if (p.hasExpressionAttributeValues()) {
                    pb.expressionAttributeValues(expressions.values(p.expressionAttributeValues(), keys));
                } else {
                    expressions.values(Map.of(), keys);
                }
                b.put(pb.build());
            } else if (item.update() != null) {
                Update u = item.update();
                TableKeys t = table(u.tableName());
                ExpressionGuard expressions = new ExpressionGuard(t, u.expressionAttributeNames());
                expressions.update(u.updateExpression());
                expressions.condition(u.conditionExpression(), "condition expression");
                Map<String, AttributeValue> key = toStored(t, u.key());
                guard(t, null, key);
                Update.Builder ub = u.toBuilder().key(key);
                if (u.hasExpressionAttributeValues()) {
                    ub.expressionAttributeValues(expressions.values(u.expressionAttributeValues(), keys));
                } else {
                    expressions.values(Map.of(), keys);
                }
                b.update(ub.build());
            } else if (item.delete() != null) {
                Delete d = item.delete();
                TableKeys t = table(d.tableName());
                ExpressionGuard expressions = new ExpressionGuard(t, d.expressionAttributeNames());
                expressions.condition(d.conditionExpression(), "condition expression");
                Map<String, AttributeValue> key = toStored(t, d.key());
                guard(t, null, key);
                Delete.Builder db = d.toBuilder().key(key);
                if (d.hasExpressionAttributeValues()) {
                    db.expressionAttributeValues(expressions.values(d.expressionAttributeValues(), keys));
                } else {
                    expressions.values(Map.of(), keys);
                }
                b.delete(db.build());
            } else if (item.conditionCheck() != null) {
                ConditionCheck c = item.conditionCheck();
                TableKeys t = table(c.tableName());
                ExpressionGuard expressions = new ExpressionGuard(t, c.expressionAttributeNames());
                expressions.condition(c.conditionExpression(), "condition expression");
                Map<String, AttributeValue> key = toStored(t, c.key());
                guard(t, null, key);
                ConditionCheck.Builder cb = c.toBuilder().key(key);
                if (c.hasExpressionAttributeValues()) {
                    cb.expressionAttributeValues(expressions.values(c.expressionAttributeValues(), keys));
                } else {
                    expressions.values(Map.of(), keys);
                }
                b.conditionCheck(cb.build());
            } else {
                throw new TenantBoundaryException("A transaction item without an action cannot be confined");
            }
            items.add(b.build());
        }
        try {
            return shared.transactWriteItems(request.toBuilder()
                    .transactItems(items)
                    .overrideConfiguration(override(request))
                    .build());
        } catch (TransactionCanceledException e) {
            throw withOwnItems(order, e);
        }
    }

    private static String tableOf(TransactWriteItem item) {
        if (item.put() != null) {
            return item.put().tableName();
        }
        if (item.update() != null) {
            return item.update().tableName();
        }
        if (item.delete() != null) {
            return item.delete().tableName();
        }
        if (item.conditionCheck() != null) {
            return item.conditionCheck().tableName();
        }
        throw new TenantBoundaryException("A transaction item without an action cannot be confined");
    }

    /**
     * The exception with the item {@code ReturnValuesOnConditionCheckFailure} returned in application form (or
     * without it, should it not be the tenant's). A new exception, so the stored form never reaches the caller.
     */
    private ConditionalCheckFailedException withOwnItem(TableKeys t, ConditionalCheckFailedException e) {
        if (!e.hasItem()) {
            return e;
        }
        ConditionalCheckFailedException stripped =
                e.toBuilder().item(ownOrNothing(t, e.item())).build();
        stripped.setStackTrace(e.getStackTrace());
        return stripped;
    }

    /** As {@link #withOwnItem}, for the cancellation reasons of a transaction, one per action in order. */
    private TransactionCanceledException withOwnItems(List<TableKeys> order, TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) {
            return e;
        }
        List<CancellationReason> reasons = new ArrayList<>();
        for (int i = 0; i < e.cancellationReasons().size(); i++) {
            CancellationReason r = e.cancellationReasons().get(i);
            if (r.hasItem()) {
                Map<String, AttributeValue> own = i < order.size() ? ownOrNothing(order.get(i), r.item()) : null;
                r = r.toBuilder().item(own).build();
            }
            reasons.add(r);
        }
        TransactionCanceledException stripped =
                e.toBuilder().cancellationReasons(reasons).build();
        stripped.setStackTrace(e.getStackTrace());
        return stripped;
    }

    private Map<String, AttributeValue> ownOrNothing(TableKeys t, Map<String, AttributeValue> item) {
        try {
            return toApplication(t, item);
        } catch (TenantBoundaryException outside) {
            return null;
        }
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        throw new TenantBoundaryException("Scan cannot be confined to a tenant: it reads every partition, and IAM's"
                + " ForAllValues condition on dynamodb:LeadingKeys is true for a request without keys. Query the tenant's"
                + " partition or a tenant-keyed index instead");
    }

    @Override
    public ExecuteStatementResponse executeStatement(ExecuteStatementRequest request) {
        throw partiQl();
    }

    @Override
    public BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest request) {
        throw partiQl();
    }

    @Override
    public ExecuteTransactionResponse executeTransaction(ExecuteTransactionRequest request) {
        throw partiQl();
    }

    /** Refuses a pre-expression parameter: the guard reads expressions only, so it could not confine one. */
    private static void refuseLegacy(String operation, boolean present, String parameter, String instead) {
        if (present) {
            throw new TenantBoundaryException(operation + " with the legacy parameter " + parameter + " cannot be"
                    + " confined by tenant-client; use " + instead);
        }
    }

    /** Refuses an enum value this SDK version does not know: the guard cannot know what it would return. */
    private static void refuseUnknown(String parameter, String given, boolean unknown) {
        if (given != null && unknown) {
            throw new TenantBoundaryException(parameter + " has a value this SDK version does not know; tenant-client"
                    + " cannot tell what DynamoDB would return for it");
        }
    }

    /** Parses a projection expression, so one the guard does not understand is never sent. */
    private static void projection(TableKeys t, Map<String, String> names, String expression) {
        if (expression != null) {
            new ExpressionGuard(t, names).projection(expression);
        }
    }

    private static TenantBoundaryException partiQl() {
        return new TenantBoundaryException(
                "PartiQL statements are not confined by tenant-client; use the table's" + " item and query operations");
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

    // ------------------------------------------------------------------------------------------ the guard

    /**
     * The guard: every leading key of a request must carry the tenant — the predicate of the IAM condition.
     *
     * @param t the table
     * @param index the index queried, or null
     * @param key the attributes holding the leading key (a key, an item, or the bound key-condition value)
     * @throws TenantBoundaryException when a leading key is missing or outside the tenant
     */
    public void guard(TableKeys t, String index, Map<String, AttributeValue> key) {
        String attribute = t.partitionKeyOf(index)
                .orElseThrow(() -> new TenantBoundaryException(
                        "Index '" + index + "' of table '" + t.table() + "' is not keyed by the tenant"));
        AttributeValue value = key.get(attribute);
        if (value == null || value.s() == null) {
            throw new TenantBoundaryException("Request to table '" + t.table() + "' has no string leading key '"
                    + attribute + "'; IAM could not confine it");
        }
        if (!keys.owns(value.s())) {
            throw new TenantBoundaryException("Request to table '" + t.table() + "' has a leading key outside the"
                    + " caller's tenant; it was not sent");
        }
    }

    // ------------------------------------------------------------------------------------------ rewriting

    private TableKeys table(String name) {
        TableKeys t = name == null ? null : tables.keys(name);
        if (t == null) {
            throw new TenantBoundaryException("Table '" + name + "' was not opened through this session"
                    + " (TenantSession.table); its keys are unknown, so the request cannot be confined");
        }
        return t;
    }

    private Map<String, AttributeValue> toStored(TableKeys t, Map<String, AttributeValue> key) {
        return toStoredItem(t, key);
    }

    private Map<String, AttributeValue> toStoredItem(TableKeys t, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new HashMap<>(item);
        for (String attribute : t.tenantAttributes()) {
            AttributeValue v = item.get(attribute);
            if (v == null || Boolean.TRUE.equals(v.nul())) {
                if (keys.isExact() && attribute.equals(t.partitionKey())) {
                    out.put(attribute, AttributeValue.fromS(keys.value()));
                }
                continue;
            }
            if (v.s() == null) {
                throw new TenantBoundaryException("Attribute '" + attribute + "' of table '" + t.table()
                        + "' carries the tenant and must be a string");
            }
            out.put(attribute, AttributeValue.fromS(keys.toStored(attribute, v.s())));
        }
        return out;
    }

    private Map<String, AttributeValue> toApplication(TableKeys t, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new HashMap<>(item);
        for (String attribute : t.tenantAttributes()) {
            AttributeValue v = item.get(attribute);
            if (v != null && v.s() != null) {
                out.put(attribute, AttributeValue.fromS(keys.toApplication(attribute, v.s())));
            } else if (v != null && attribute.equals(t.partitionKey())) {
                throw new TenantBoundaryException("DynamoDB returned an item of table '" + t.table()
                        + "' whose partition" + " key is not a string; it was not returned");
            }
        }
        return out;
    }

    private WriteRequest rewrite(TableKeys t, WriteRequest w, boolean toStored) {
        if (w.putRequest() != null) {
            Map<String, AttributeValue> item = toStored
                    ? toStoredItem(t, w.putRequest().item())
                    : toApplication(t, w.putRequest().item());
            if (toStored) {
                guard(t, null, item);
            }
            return w.toBuilder()
                    .putRequest(PutRequest.builder().item(item).build())
                    .build();
        }
        if (w.deleteRequest() != null) {
            Map<String, AttributeValue> key = toStored
                    ? toStored(t, w.deleteRequest().key())
                    : toApplication(t, w.deleteRequest().key());
            if (toStored) {
                guard(t, null, key);
            }
            return w.toBuilder()
                    .deleteRequest(DeleteRequest.builder().key(key).build())
                    .build();
        }
        throw new TenantBoundaryException("A batch write request without a put or delete cannot be confined");
    }

    /** The request's own override configuration, if any, with the session's credentials. */
    private AwsRequestOverrideConfiguration override(DynamoDbRequest request) {
        return request.overrideConfiguration()
                .map(o -> o.toBuilder().credentialsProvider(credentials).build())
                .orElse(sessionOverride);
    }

    @Override
    public String toString() {
        return "TenantDynamoDbClient{" + keys + ", tables=" + tables + "}";
    }
}
