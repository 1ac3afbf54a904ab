/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.internal.dynamodb.Expressions.Condition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
 * The tenant boundary of one session's DynamoDB requests, independent of how they are sent: the one implementation
 * behind both {@link TenantDynamoDbClient} (sync) and {@link TenantDynamoDbAsyncClient}. For each operation it takes
 * the application's request and gives back a {@link Guarded} call: the request as it may leave — each tenant
 * attribute (the partition keys of the table and its global indexes) rewritten from the application's id to the
 * stored key, every expression parsed by the {@link ExpressionGuard}, every leading key checked against the same
 * predicate as the IAM {@code LeadingKeys} condition, the session's credentials set — and the functions that turn
 * the service's response (or error) back into the application's form, refusing any item from outside the tenant.
 * Anything it cannot confine throws {@link TenantBoundaryException} before a request exists. Thread-safe; holds no
 * per-request state except inside a {@link QueryPages}.
 */
public final class DynamoDbRequestGuard {

    private final AwsCredentialsProvider credentials;
    private final AwsRequestOverrideConfiguration sessionOverride;
    private final PartitionKeys keys;
    private final TableRegistry tables;
    private final BoundaryEvents events;

    /**
     * Creates the guard.
     *
     * @param credentials the session's credentials, set on every request
     * @param keys the tenant's partition-key rule
     * @param tables the tables opened through the application's {@code TenantClient}
     * @param events where items the guard filtered out are reported
     */
    public DynamoDbRequestGuard(
            AwsCredentialsProvider credentials, PartitionKeys keys, TableRegistry tables, BoundaryEvents events) {
        this.credentials = credentials;
        this.sessionOverride = AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(credentials)
                .build();
        this.keys = keys;
        this.tables = tables;
        this.events = events;
    }

    /** @return the tenant's partition-key rule */
    public PartitionKeys keys() {
        return keys;
    }

    /** @return the session's credentials, which the guard sets on every request */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** @return the tables known to this guard */
    public TableRegistry tables() {
        return tables;
    }

    /**
     * One guarded call: the request to send, and how its response and its failure reach the application.
     *
     * @param <Q> the request type
     * @param <R> the response type
     */
    public static final class Guarded<Q, R> {
        private final Q request;
        private final UnaryOperator<R> response;
        private final UnaryOperator<RuntimeException> failure;

        Guarded(Q request, UnaryOperator<R> response, UnaryOperator<RuntimeException> failure) {
            this.request = request;
            this.response = response;
            this.failure = failure;
        }

        Guarded(Q request, UnaryOperator<R> response) {
            this(request, response, UnaryOperator.identity());
        }

        /** @return the request as it may be sent */
        public Q request() {
            return request;
        }

        /**
         * The service's response in the application's form.
         *
         * @param raw the response as DynamoDB sent it
         * @return the response the application sees
         * @throws TenantBoundaryException when it holds an item from outside the tenant
         */
        public R response(R raw) {
            return response.apply(raw);
        }

        /**
         * The service's error in the application's form (an item it carries is stripped, or dropped when foreign).
         *
         * @param error the error the SDK raised
         * @return the error the application sees
         */
        public RuntimeException failure(RuntimeException error) {
            return failure.apply(error);
        }
    }

    // ------------------------------------------------------------------------------------------ operations

    /**
     * Guards a {@code GetItem}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<GetItemRequest, GetItemResponse> getItem(GetItemRequest request) {
        TableKeys t = table(request.tableName());
        refuseLegacy("GetItem", request.hasAttributesToGet(), "AttributesToGet", "ProjectionExpression");
        projection(t, request.expressionAttributeNames(), request.projectionExpression());
        GetItemRequest out = request.toBuilder()
                .key(toStored(t, request.key()))
                .overrideConfiguration(override(request))
                .build();
        guard(t, null, out.key());
        return new Guarded<>(
                out,
                response -> response.hasItem()
                        ? response.toBuilder()
                                .item(toApplication(t, response.item()))
                                .build()
                        : response);
    }

    /**
     * Guards a {@code PutItem}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<PutItemRequest, PutItemResponse> putItem(PutItemRequest request) {
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
        return new Guarded<>(
                out,
                response -> response.hasAttributes()
                        ? response.toBuilder()
                                .attributes(toApplication(t, response.attributes()))
                                .build()
                        : response,
                e -> withOwnItem(t, e));
    }

    /**
     * Guards an {@code UpdateItem}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<UpdateItemRequest, UpdateItemResponse> updateItem(UpdateItemRequest request) {
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
        return new Guarded<>(
                out,
                response -> response.hasAttributes()
                        ? response.toBuilder()
                                .attributes(toApplication(t, response.attributes()))
                                .build()
                        : response,
                e -> withOwnItem(t, e));
    }

    /**
     * Guards a {@code DeleteItem}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<DeleteItemRequest, DeleteItemResponse> deleteItem(DeleteItemRequest request) {
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
        return new Guarded<>(
                out,
                response -> response.hasAttributes()
                        ? response.toBuilder()
                                .attributes(toApplication(t, response.attributes()))
                                .build()
                        : response,
                e -> withOwnItem(t, e));
    }

    /**
     * Guards a {@code Query}. A global index page may need further requests (see {@link QueryPages}).
     *
     * @param request the application's request
     * @return the pages of one guarded query call
     */
    public QueryPages query(QueryRequest request) {
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
        return new QueryPages(t, request.indexName(), out, globalIndex, projectedForCheck);
    }

    /**
     * One application query call, which may take several DynamoDB requests: a global index page without the items
     * of other tenants. IAM confines a write by the table's partition key only, so any tenant can put another
     * tenant's value into an index key attribute of its own item; DynamoDB always projects the table's key into the
     * index, and an entry whose table partition key is not the caller's is dropped (counted and logged), never
     * returned and never thrown on. When the page ends on such an entry, its last evaluated key (another tenant's
     * key) is replaced by the key of the page's last own item, or, when the page has none, the query continues past
     * it, so paging neither leaks nor stops.
     *
     * <p>Use: send {@link #request()}, hand each response to {@link #next(QueryResponse)} and send what it returns
     * until it returns null, then take {@link #response()}. Not thread-safe (one call, one sequence).
     */
    public final class QueryPages {
        private final TableKeys t;
        private final String index;
        private final QueryRequest out;
        private final boolean globalIndex;
        private final boolean projectedForCheck;
        private final List<Map<String, AttributeValue>> own = new ArrayList<>();
        private int dropped;
        private int scanned;
        private QueryResponse result;

        QueryPages(TableKeys t, String index, QueryRequest out, boolean globalIndex, boolean projectedForCheck) {
            this.t = t;
            this.index = index;
            this.out = out;
            this.globalIndex = globalIndex;
            this.projectedForCheck = projectedForCheck;
        }

        /** @return the first request to send */
        public QueryRequest request() {
            return out;
        }

        /**
         * Takes a response.
         *
         * @param response DynamoDB's answer to the last request
         * @return the next request to send, or null when the call's response is complete
         */
        public QueryRequest next(QueryResponse response) {
            if (!globalIndex) {
                result = strip(response);
                return null;
            }
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
                result = strip(ownOnly(response));
                return null;
            }
            Map<String, AttributeValue> lastOwn = own.isEmpty() ? null : own.get(own.size() - 1);
            if (lastOwn != null && lastOwn.keySet().containsAll(last.keySet())) {
                Map<String, AttributeValue> restart = new HashMap<>();
                last.keySet().forEach(k -> restart.put(k, lastOwn.get(k)));
                result = strip(
                        ownOnly(response.toBuilder().lastEvaluatedKey(restart).build()));
                return null;
            }
            return out.toBuilder().exclusiveStartKey(last).build();
        }

        /**
         * The call's response in the application's form.
         *
         * @return the response
         * @throws IllegalStateException when {@link #next(QueryResponse)} has not returned null yet
         */
        public QueryResponse response() {
            if (result == null) {
                throw new IllegalStateException("The query call has more requests to send");
            }
            return result;
        }

        private QueryResponse ownOnly(QueryResponse response) {
            if (dropped > 0) {
                events.foreignItemsDropped(t.table(), index, dropped);
            }
            return response.toBuilder()
                    .items(own)
                    .count(own.size())
                    .scannedCount(scanned)
                    .build();
        }

        private QueryResponse strip(QueryResponse response) {
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
    }

    private boolean ownsTableKey(TableKeys t, Map<String, AttributeValue> item) {
        AttributeValue v = item.get(t.partitionKey());
        return v != null && v.s() != null && keys.owns(v.s());
    }

    /**
     * Guards a {@code BatchGetItem}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<BatchGetItemRequest, BatchGetItemResponse> batchGetItem(BatchGetItemRequest request) {
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
        return new Guarded<>(out, response -> {
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
        });
    }

    /**
     * Guards a {@code BatchWriteItem}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<BatchWriteItemRequest, BatchWriteItemResponse> batchWriteItem(BatchWriteItemRequest request) {
        Map<String, List<WriteRequest>> items = new LinkedHashMap<>();
        request.requestItems()
                .forEach((name, writes) -> items.put(
                        name,
                        writes.stream().map(w -> rewrite(table(name), w, true)).toList()));
        BatchWriteItemRequest out = request.toBuilder()
                .requestItems(items)
                .overrideConfiguration(override(request))
                .build();
        return new Guarded<>(out, response -> {
            Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>();
            response.unprocessedItems()
                    .forEach((name, writes) -> unprocessed.put(
                            name,
                            writes.stream()
                                    .map(w -> rewrite(table(name), w, false))
                                    .toList()));
            return response.toBuilder().unprocessedItems(unprocessed).build();
        });
    }

    /**
     * Guards a {@code TransactGetItems}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<TransactGetItemsRequest, TransactGetItemsResponse> transactGetItems(
            TransactGetItemsRequest request) {
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
        return new Guarded<>(out, response -> {
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
        });
    }

    /**
     * Guards a {@code TransactWriteItems}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<TransactWriteItemsRequest, TransactWriteItemsResponse> transactWriteItems(
            TransactWriteItemsRequest request) {
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
        TransactWriteItemsRequest out = request.toBuilder()
                .transactItems(items)
                .overrideConfiguration(override(request))
                .build();
        return new Guarded<>(out, UnaryOperator.identity(), e -> withOwnItems(order, e));
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
    private RuntimeException withOwnItem(TableKeys t, RuntimeException error) {
        if (!(error instanceof ConditionalCheckFailedException e) || !e.hasItem()) {
            return error;
        }
        ConditionalCheckFailedException stripped =
                e.toBuilder().item(ownOrNothing(t, e.item())).build();
        stripped.setStackTrace(e.getStackTrace());
        return stripped;
    }

    /** As {@link #withOwnItem}, for the cancellation reasons of a transaction, one per action in order. */
    private RuntimeException withOwnItems(List<TableKeys> order, RuntimeException error) {
        if (!(error instanceof TransactionCanceledException e) || !e.hasCancellationReasons()) {
            return error;
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

    /** @return the refusal of a {@code Scan} */
    public static TenantBoundaryException scanRefused() {
        return new TenantBoundaryException("Scan cannot be confined to a tenant: it reads every partition, and IAM's"
                + " ForAllValues condition on dynamodb:LeadingKeys is true for a request without keys. Query the tenant's"
                + " partition or a tenant-keyed index instead");
    }

    /** @return the refusal of a PartiQL statement */
    public static TenantBoundaryException partiQlRefused() {
        return new TenantBoundaryException(
                "PartiQL statements are not confined by tenant-client; use the table's" + " item and query operations");
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
        return "DynamoDbRequestGuard{" + keys + ", tables=" + tables + "}";
    }
}
