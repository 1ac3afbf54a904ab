/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.TenantBoundaryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The tenant boundary of one session's DynamoDB requests, independent of how they are sent: the one implementation
 * behind both {@link TenantDynamoDbClient} (sync) and {@link TenantDynamoDbAsyncClient}. For each operation it
 * composes the pieces into a {@link Guarded} call: the {@link Refusals} first; each tenant attribute rewritten from the
 * application's id to the stored key ({@link ItemRewriter}); every expression read by the {@link ExpressionGuard};
 * every leading key checked against the same predicate as the IAM {@code LeadingKeys} condition
 * ({@link LeadingKeyCheck}); the session's credentials set ({@link RequestCredentials}); and the functions that turn
 * the service's response (or error) back into the application's form ({@link ResponseStripping}). Anything it cannot
 * confine throws {@link TenantBoundaryException} before a request exists. Thread-safe; holds no per-request state
 * except inside a {@link QueryPages}.
 */
public final class DynamoDbRequestGuard {

    private final RequestCredentials credentials;
    private final PartitionKeys keys;
    private final TableRegistry tables;
    private final ItemRewriter items;
    private final LeadingKeyCheck leading;
    private final ResponseStripping stripping;

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
        this.credentials = new RequestCredentials(credentials);
        this.keys = keys;
        this.tables = tables;
        this.items = new ItemRewriter(keys);
        this.leading = new LeadingKeyCheck(keys);
        this.stripping = new ResponseStripping(items, leading, events);
    }

    /** @return the tenant's partition-key rule */
    public PartitionKeys keys() {
        return keys;
    }

    /** @return the session's credentials, which the guard sets on every request */
    public AwsCredentialsProvider credentials() {
        return credentials.provider();
    }

    /** @return the credentials of each request, for a client that resolves them itself */
    RequestCredentials requestCredentials() {
        return credentials;
    }

    /** @return the tables known to this guard */
    public TableRegistry tables() {
        return tables;
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
        Refusals.check(request);
        projection(t, request.expressionAttributeNames(), request.projectionExpression());
        GetItemRequest out = request.toBuilder()
                .key(stored(t, request.key()))
                .overrideConfiguration(credentials.override(request))
                .build();
        return new Guarded<>(
                out,
                stripping.item(
                        t,
                        GetItemResponse::hasItem,
                        GetItemResponse::item,
                        (r, i) -> r.toBuilder().item(i).build()));
    }

    /**
     * Guards a {@code PutItem}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<PutItemRequest, PutItemResponse> putItem(PutItemRequest request) {
        TableKeys t = table(request.tableName());
        Refusals.check(request);
        PutItemRequest.Builder b = request.toBuilder();
        ExpressionGuard.write(
                t,
                request.expressionAttributeNames(),
                null,
                request.conditionExpression(),
                request.expressionAttributeValues(),
                keys,
                b::expressionAttributeValues);
        b.item(stored(t, request.item())).overrideConfiguration(credentials.override(request));
        return new Guarded<>(
                b.build(),
                stripping.item(
                        t,
                        PutItemResponse::hasAttributes,
                        PutItemResponse::attributes,
                        (r, a) -> r.toBuilder().attributes(a).build()),
                stripping.conditionFailure(t));
    }

    /**
     * Guards an {@code UpdateItem}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<UpdateItemRequest, UpdateItemResponse> updateItem(UpdateItemRequest request) {
        TableKeys t = table(request.tableName());
        Refusals.check(request);
        UpdateItemRequest.Builder b = request.toBuilder();
        ExpressionGuard.write(
                t,
                request.expressionAttributeNames(),
                request.updateExpression(),
                request.conditionExpression(),
                request.expressionAttributeValues(),
                keys,
                b::expressionAttributeValues);
        b.key(stored(t, request.key())).overrideConfiguration(credentials.override(request));
        return new Guarded<>(
                b.build(),
                stripping.item(
                        t,
                        UpdateItemResponse::hasAttributes,
                        UpdateItemResponse::attributes,
                        (r, a) -> r.toBuilder().attributes(a).build()),
                stripping.conditionFailure(t));
    }

    /**
     * Guards a {@code DeleteItem}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<DeleteItemRequest, DeleteItemResponse> deleteItem(DeleteItemRequest request) {
        TableKeys t = table(request.tableName());
        Refusals.check(request);
        DeleteItemRequest.Builder b = request.toBuilder();
        ExpressionGuard.write(
                t,
                request.expressionAttributeNames(),
                null,
                request.conditionExpression(),
                request.expressionAttributeValues(),
                keys,
                b::expressionAttributeValues);
        b.key(stored(t, request.key())).overrideConfiguration(credentials.override(request));
        return new Guarded<>(
                b.build(),
                stripping.item(
                        t,
                        DeleteItemResponse::hasAttributes,
                        DeleteItemResponse::attributes,
                        (r, a) -> r.toBuilder().attributes(a).build()),
                stripping.conditionFailure(t));
    }

    /**
     * Guards a {@code Query}: its key condition is parsed and walked once, guarded and read for the partition key's
     * bindings together. A global index page may need further requests (see {@link QueryPages}).
     *
     * @param request the application's request
     * @return the pages of one guarded query call
     */
    public QueryPages query(QueryRequest request) {
        TableKeys t = table(request.tableName());
        String index = request.indexName();
        String attribute = t.partitionKeyOf(index)
                .orElseThrow(() -> new TenantBoundaryException("Index '" + index + "' of table '" + t.table()
                        + "' is not keyed by the tenant; IAM cannot" + " confine a query on it"));
        Refusals.check(request);
        String keyConditionExpression = request.keyConditionExpression();
        if (keyConditionExpression == null) {
            throw new TenantBoundaryException("A query without a key condition cannot be confined (KeyConditions,"
                    + " the legacy parameter, is not supported)");
        }
        ExpressionGuard expressions = new ExpressionGuard(t, request.expressionAttributeNames());
        List<String> bound = expressions.keyCondition(keyConditionExpression, attribute);
        expressions.condition(request.filterExpression(), "filter expression");
        Map<String, AttributeValue> values = expressions.values(request.expressionAttributeValues(), keys);
        if (bound.isEmpty()) {
            throw new TenantBoundaryException("The query's key condition does not bind partition key '" + attribute
                    + "' with '='; IAM could not confine it");
        }
        for (String placeholder : bound) {
            AttributeValue v = values.get(placeholder);
            leading.check(t, index, v == null ? Map.of() : Map.of(attribute, v));
        }
        QueryRequest.Builder b = request.toBuilder();
        if (request.hasExpressionAttributeValues()) {
            b.expressionAttributeValues(values);
        }
        if (request.hasExclusiveStartKey()) {
            b.exclusiveStartKey(items.toStored(t, request.exclusiveStartKey()));
        }
        boolean globalIndex = index != null && t.indexPartitionKeys().containsKey(index);
        boolean projectedForCheck = false;
        String projection = request.projectionExpression();
        if (globalIndex) {
            if (request.select() == Select.COUNT) {
                throw new TenantBoundaryException("Select.COUNT on global index '" + index + "' of table" + " '"
                        + t.table() + "' would count items other tenants planted in the index; query the items"
                        + " and count them");
            }
            if (projection != null && !expressions.projection(projection).contains(t.partitionKey())) {
                // the table's partition key tells whose item an index entry is: fetch it, check it, drop it again
                String alias = "#tenantClientTableKey";
                while (request.expressionAttributeNames().containsKey(alias)) {
                    alias += "_";
                }
                Map<String, String> names = new HashMap<>(request.expressionAttributeNames());
                names.put(alias, t.partitionKey());
                b.projectionExpression(projection + ", " + alias).expressionAttributeNames(names);
                projectedForCheck = true;
            }
        } else if (projection != null) {
            expressions.projection(projection);
        }
        QueryRequest out =
                b.overrideConfiguration(credentials.override(request)).build();
        return new QueryPages(t, globalIndex ? index : null, out, projectedForCheck, stripping);
    }

    /**
     * Guards a {@code BatchGetItem}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<BatchGetItemRequest, BatchGetItemResponse> batchGetItem(BatchGetItemRequest request) {
        Map<String, KeysAndAttributes> out = new LinkedHashMap<>();
        request.requestItems().forEach((name, ka) -> {
            TableKeys t = table(name);
            Refusals.check(ka);
            projection(t, ka.expressionAttributeNames(), ka.projectionExpression());
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (Map<String, AttributeValue> key : ka.keys()) {
                keys.add(stored(t, key));
            }
            out.put(name, ka.toBuilder().keys(keys).build());
        });
        return new Guarded<>(
                request.toBuilder()
                        .requestItems(out)
                        .overrideConfiguration(credentials.override(request))
                        .build(),
                stripping.batchGetItem(this::table));
    }

    /**
     * Guards a {@code BatchWriteItem}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<BatchWriteItemRequest, BatchWriteItemResponse> batchWriteItem(BatchWriteItemRequest request) {
        Map<String, List<WriteRequest>> out = new LinkedHashMap<>();
        request.requestItems().forEach((name, writes) -> {
            TableKeys t = table(name);
            out.put(
                    name,
                    writes.stream()
                            .map(w -> ItemRewriter.rewrite(w, m -> stored(t, m)))
                            .toList());
        });
        return new Guarded<>(
                request.toBuilder()
                        .requestItems(out)
                        .overrideConfiguration(credentials.override(request))
                        .build(),
                stripping.batchWriteItem(this::table));
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
        List<TransactGetItem> out = new ArrayList<>();
        for (TransactGetItem item : request.transactItems()) {
            Get get = item.get();
            if (get == null) {
                throw Refusals.noAction("read transaction item without a Get");
            }
            TableKeys t = table(get.tableName());
            projection(t, get.expressionAttributeNames(), get.projectionExpression());
            Map<String, AttributeValue> key = stored(t, get.key());
            order.add(t);
            out.add(item.toBuilder().get(get.toBuilder().key(key).build()).build());
        }
        return new Guarded<>(
                request.toBuilder()
                        .transactItems(out)
                        .overrideConfiguration(credentials.override(request))
                        .build(),
                stripping.transactGetItems(order));
    }

    /**
     * Guards a {@code TransactWriteItems}.
     *
     * @param request the application's request
     * @return the guarded call
     */
    public Guarded<TransactWriteItemsRequest, TransactWriteItemsResponse> transactWriteItems(
            TransactWriteItemsRequest request) {
        List<TransactWriteItem> out = new ArrayList<>();
        List<TableKeys> order = new ArrayList<>();
        for (TransactWriteItem item : request.transactItems()) {
            TransactWriteItem.Builder b = item.toBuilder();
            order.add(table(tableOf(item)));
            if (item.put() != null) {
                b.put(put(item.put()));
            } else if (item.update() != null) {
                b.update(update(item.update()));
            } else if (item.delete() != null) {
                b.delete(delete(item.delete()));
            } else if (item.conditionCheck() != null) {
                b.conditionCheck(conditionCheck(item.conditionCheck()));
            } else {
                throw Refusals.noAction("transaction item without an action");
            }
            out.add(b.build());
        }
        return new Guarded<>(
                request.toBuilder()
                        .transactItems(out)
                        .overrideConfiguration(credentials.override(request))
                        .build(),
                UnaryOperator.identity(),
                stripping.cancellation(order));
    }

    private Put put(Put p) {
        TableKeys t = table(p.tableName());
        Put.Builder b = p.toBuilder();
        ExpressionGuard.write(
                t,
                p.expressionAttributeNames(),
                null,
                p.conditionExpression(),
                p.expressionAttributeValues(),
                keys,
                b::expressionAttributeValues);
        return b.item(stored(t, p.item())).build();
    }

    private Update update(Update u) {
        TableKeys t = table(u.tableName());
        Update.Builder b = u.toBuilder();
        ExpressionGuard.write(
                t,
                u.expressionAttributeNames(),
                u.updateExpression(),
                u.conditionExpression(),
                u.expressionAttributeValues(),
                keys,
                b::expressionAttributeValues);
        return b.key(stored(t, u.key())).build();
    }

    private Delete delete(Delete d) {
        TableKeys t = table(d.tableName());
        Delete.Builder b = d.toBuilder();
        ExpressionGuard.write(
                t,
                d.expressionAttributeNames(),
                null,
                d.conditionExpression(),
                d.expressionAttributeValues(),
                keys,
                b::expressionAttributeValues);
        return b.key(stored(t, d.key())).build();
    }

    private ConditionCheck conditionCheck(ConditionCheck c) {
        TableKeys t = table(c.tableName());
        ConditionCheck.Builder b = c.toBuilder();
        ExpressionGuard.write(
                t,
                c.expressionAttributeNames(),
                null,
                c.conditionExpression(),
                c.expressionAttributeValues(),
                keys,
                b::expressionAttributeValues);
        return b.key(stored(t, c.key())).build();
    }

    private static @Nullable String tableOf(TransactWriteItem item) {
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
        throw Refusals.noAction("transaction item without an action");
    }

    /** @return the refusal of a {@code Scan} (see {@link Refusals#scan()}) */
    public static TenantBoundaryException scanRefused() {
        return Refusals.scan();
    }

    /** @return the refusal of a PartiQL statement (see {@link Refusals#partiQl()}) */
    public static TenantBoundaryException partiQlRefused() {
        return Refusals.partiQl();
    }

    /** Parses a projection expression, so one the guard does not understand is never sent. */
    private static void projection(TableKeys t, Map<String, String> names, @Nullable String expression) {
        if (expression != null) {
            new ExpressionGuard(t, names).projection(expression);
        }
    }

    /**
     * The guard: every leading key of a request must carry the tenant — the predicate of the IAM condition (see
     * {@link LeadingKeyCheck#check}).
     *
     * @param t the table
     * @param index the index queried, or null
     * @param key the attributes holding the leading key (a key, an item, or the bound key-condition value)
     * @throws TenantBoundaryException when a leading key is missing or outside the tenant
     */
    public void guard(TableKeys t, @Nullable String index, Map<String, AttributeValue> key) {
        leading.check(t, index, key);
    }

    /** A key or item in stored form, its leading key checked. */
    private Map<String, AttributeValue> stored(TableKeys t, Map<String, AttributeValue> key) {
        return leading.checked(t, items.toStored(t, key));
    }

    private TableKeys table(@Nullable String name) {
        TableKeys t = name == null ? null : tables.keys(name);
        if (t == null) {
            throw Refusals.unknownTable(name);
        }
        return t;
    }

    @Override
    public String toString() {
        return "DynamoDbRequestGuard{" + keys + ", tables=" + tables + "}";
    }
}
