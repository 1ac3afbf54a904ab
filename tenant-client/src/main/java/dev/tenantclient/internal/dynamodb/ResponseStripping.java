/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.TenantBoundaryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The way back: each response (and each error that carries an item) in the application's form, its stored keys
 * rewritten to ids by the {@link ItemRewriter}; an item from outside the tenant is refused in a response and dropped
 * from an error, and a global index page loses the entries of other tenants (see {@link QueryPages}), which are
 * reported to the {@link BoundaryEvents}. Thread-safe.
 */
final class ResponseStripping {

    private final ItemRewriter items;
    private final LeadingKeyCheck leading;
    private final BoundaryEvents events;

    /**
     * Creates the stripping.
     *
     * @param items the item rewriting
     * @param leading the leading-key check, which tells whose an index entry is
     * @param events where filtered items are reported
     */
    ResponseStripping(ItemRewriter items, LeadingKeyCheck leading, BoundaryEvents events) {
        this.items = items;
        this.leading = leading;
        this.events = events;
    }

    /** @return the item rewriting */
    ItemRewriter items() {
        return items;
    }

    /** @return the leading-key check */
    LeadingKeyCheck leading() {
        return leading;
    }

    /** @return where filtered items are reported */
    BoundaryEvents events() {
        return events;
    }

    /**
     * The stripping of a response that may hold one item (or the old or new attributes of one).
     *
     * @param <R> the response type
     * @param t the item's table
     * @param has whether the response holds the item
     * @param item the item
     * @param with the response with the item replaced
     * @return the stripping
     */
    <R> UnaryOperator<R> item(
            TableKeys t,
            Predicate<R> has,
            Function<R, Map<String, AttributeValue>> item,
            BiFunction<R, Map<String, AttributeValue>, R> with) {
        return response ->
                has.test(response) ? with.apply(response, items.toApplication(t, item.apply(response))) : response;
    }

    /**
     * The stripping of a {@code BatchGetItem} response: its items and unprocessed keys.
     *
     * @param tables the table of each name
     * @return the stripping
     */
    UnaryOperator<BatchGetItemResponse> batchGetItem(Function<String, TableKeys> tables) {
        return response -> {
            Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
            response.responses().forEach((name, list) -> responses.put(name, each(tables.apply(name), list)));
            Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>();
            response.unprocessedKeys()
                    .forEach((name, ka) -> unprocessed.put(
                            name,
                            ka.toBuilder()
                                    .keys(each(tables.apply(name), ka.keys()))
                                    .build()));
            return response.toBuilder()
                    .responses(responses)
                    .unprocessedKeys(unprocessed)
                    .build();
        };
    }

    /**
     * The stripping of a {@code BatchWriteItem} response: its unprocessed items.
     *
     * @param tables the table of each name
     * @return the stripping
     */
    UnaryOperator<BatchWriteItemResponse> batchWriteItem(Function<String, TableKeys> tables) {
        return response -> {
            Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>();
            response.unprocessedItems().forEach((name, writes) -> {
                TableKeys t = tables.apply(name);
                unprocessed.put(
                        name,
                        writes.stream()
                                .map(w -> ItemRewriter.rewrite(w, m -> items.toApplication(t, m)))
                                .toList());
            });
            return response.toBuilder().unprocessedItems(unprocessed).build();
        };
    }

    /**
     * The stripping of a {@code TransactGetItems} response.
     *
     * @param order the table of each get, in order
     * @return the stripping
     */
    UnaryOperator<TransactGetItemsResponse> transactGetItems(List<TableKeys> order) {
        return response -> {
            if (!response.hasResponses()) {
                return response;
            }
            List<ItemResponse> stripped = new ArrayList<>();
            for (int i = 0; i < response.responses().size(); i++) {
                ItemResponse r = response.responses().get(i);
                stripped.add(
                        r.hasItem()
                                ? r.toBuilder()
                                        .item(items.toApplication(order.get(i), r.item()))
                                        .build()
                                : r);
            }
            return response.toBuilder().responses(stripped).build();
        };
    }

    /**
     * The stripping of a write's error: the item {@code ReturnValuesOnConditionCheckFailure} returned, in application
     * form (or none, should it not be the tenant's). A new exception, so the stored form never reaches the caller.
     *
     * @param t the table written
     * @return the stripping
     */
    UnaryOperator<RuntimeException> conditionFailure(TableKeys t) {
        return error -> {
            if (!(error instanceof ConditionalCheckFailedException e) || !e.hasItem()) {
                return error;
            }
            ConditionalCheckFailedException stripped =
                    e.toBuilder().item(items.ownOrNothing(t, e.item())).build();
            stripped.setStackTrace(e.getStackTrace());
            return stripped;
        };
    }

    /**
     * As {@link #conditionFailure}, for the cancellation reasons of a transaction, one per action in order.
     *
     * @param order the table of each action, in order
     * @return the stripping
     */
    UnaryOperator<RuntimeException> cancellation(List<TableKeys> order) {
        return error -> {
            if (!(error instanceof TransactionCanceledException e) || !e.hasCancellationReasons()) {
                return error;
            }
            List<CancellationReason> reasons = new ArrayList<>();
            for (int i = 0; i < e.cancellationReasons().size(); i++) {
                CancellationReason r = e.cancellationReasons().get(i);
                if (r.hasItem()) {
                    Map<String, AttributeValue> own =
                            i < order.size() ? items.ownOrNothing(order.get(i), r.item()) : null;
                    r = r.toBuilder().item(own).build();
                }
                reasons.add(r);
            }
            TransactionCanceledException stripped =
                    e.toBuilder().cancellationReasons(reasons).build();
            stripped.setStackTrace(e.getStackTrace());
            return stripped;
        };
    }

    /**
     * @throws TenantBoundaryException when an item is from outside the tenant
     */
    private List<Map<String, AttributeValue>> each(TableKeys t, List<Map<String, AttributeValue>> list) {
        return list.stream().map(item -> items.toApplication(t, item)).toList();
    }
}
