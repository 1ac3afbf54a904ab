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
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What tenant-client refuses because neither it nor IAM could confine it: Scan, PartiQL, the legacy (pre-expression)
 * parameters the guard does not read, and enum values this SDK version does not know (the guard cannot tell what
 * DynamoDB would return for them). The per-parameter refusals are one table, {@link #RULES}, checked by
 * {@link #check(Object)}; everything else here is a message. Stateless.
 */
final class Refusals {

    /** One refused parameter of one request type. */
    private record Rule<T>(Class<T> type, Predicate<T> refused, String message) {
        void check(Object part) {
            if (refused.test(type.cast(part))) {
                throw new TenantBoundaryException(message);
            }
        }
    }

    private static final String ON_FAILURE = "ReturnValuesOnConditionCheckFailure";

    /** The table, per request type in the order the checks run (the first refusal is the one reported). */
    private static final Map<Class<?>, List<Rule<?>>> RULES = table(
            legacy(GetItemRequest.class, GetItemRequest::hasAttributesToGet, "AttributesToGet", "Projection"),
            legacy(PutItemRequest.class, PutItemRequest::hasExpected, "Expected", "Condition"),
            legacy(
                    PutItemRequest.class,
                    r -> r.conditionalOperatorAsString() != null,
                    "ConditionalOperator",
                    "Condition"),
            unknown(PutItemRequest.class, "ReturnValues", r -> unknown(r.returnValues())),
            unknown(PutItemRequest.class, ON_FAILURE, r -> unknown(r.returnValuesOnConditionCheckFailure())),
            legacy(UpdateItemRequest.class, UpdateItemRequest::hasAttributeUpdates, "AttributeUpdates", "Update"),
            legacy(UpdateItemRequest.class, UpdateItemRequest::hasExpected, "Expected", "Condition"),
            legacy(
                    UpdateItemRequest.class,
                    r -> r.conditionalOperatorAsString() != null,
                    "ConditionalOperator",
                    "Condition"),
            unknown(UpdateItemRequest.class, "ReturnValues", r -> unknown(r.returnValues())),
            unknown(UpdateItemRequest.class, ON_FAILURE, r -> unknown(r.returnValuesOnConditionCheckFailure())),
            legacy(DeleteItemRequest.class, DeleteItemRequest::hasExpected, "Expected", "Condition"),
            legacy(
                    DeleteItemRequest.class,
                    r -> r.conditionalOperatorAsString() != null,
                    "ConditionalOperator",
                    "Condition"),
            unknown(DeleteItemRequest.class, "ReturnValues", r -> unknown(r.returnValues())),
            unknown(DeleteItemRequest.class, ON_FAILURE, r -> unknown(r.returnValuesOnConditionCheckFailure())),
            legacy(QueryRequest.class, QueryRequest::hasKeyConditions, "KeyConditions", "KeyCondition"),
            legacy(QueryRequest.class, QueryRequest::hasQueryFilter, "QueryFilter", "Filter"),
            legacy(QueryRequest.class, QueryRequest::hasAttributesToGet, "AttributesToGet", "Projection"),
            legacy(QueryRequest.class, r -> r.conditionalOperatorAsString() != null, "ConditionalOperator", "Filter"),
            unknown(QueryRequest.class, "Select", r -> r.select() == Select.UNKNOWN_TO_SDK_VERSION),
            legacy(KeysAndAttributes.class, KeysAndAttributes::hasAttributesToGet, "AttributesToGet", "Projection"));

    private Refusals() {}

    /**
     * Refuses a request (or a part of one, such as a {@link KeysAndAttributes}) that sets a parameter of the table.
     *
     * @param part the request or part
     * @throws TenantBoundaryException for the first refused parameter it sets
     */
    static void check(Object part) {
        for (Rule<?> rule : RULES.getOrDefault(part.getClass(), List.of())) {
            rule.check(part);
        }
    }

    /** @return the refusal of a {@code Scan} */
    static TenantBoundaryException scan() {
        return new TenantBoundaryException("Scan cannot be confined to a tenant: it reads every partition, and IAM's"
                + " ForAllValues condition on dynamodb:LeadingKeys is true for a request without keys. Query the tenant's"
                + " partition or a tenant-keyed index instead");
    }

    /** @return the refusal of a PartiQL statement */
    static TenantBoundaryException partiQl() {
        return new TenantBoundaryException(
                "PartiQL statements are not confined by tenant-client; use the table's" + " item and query operations");
    }

    /** @return the refusal of a table this session did not open */
    static TenantBoundaryException unknownTable(@Nullable String name) {
        return new TenantBoundaryException("Table '" + name + "' was not opened through this session"
                + " (TenantSession.table); its keys are unknown, so the request cannot be confined");
    }

    /** @return the refusal of a transaction item (or batch write) without an action */
    static TenantBoundaryException noAction(String what) {
        return new TenantBoundaryException("A " + what + " cannot be confined");
    }

    private static <T> Rule<T> legacy(Class<T> type, Predicate<T> present, String parameter, String expression) {
        String name = type.getSimpleName();
        String operation = type == KeysAndAttributes.class
                ? "BatchGetItem"
                : name.substring(0, name.length() - "Request".length());
        return new Rule<>(
                type,
                present,
                operation + " with the legacy parameter " + parameter + " cannot be"
                        + " confined by tenant-client; use " + expression + "Expression");
    }

    private static <T> Rule<T> unknown(Class<T> type, String parameter, Predicate<T> unknown) {
        return new Rule<>(
                type,
                unknown,
                parameter + " has a value this SDK version does not know; tenant-client"
                        + " cannot tell what DynamoDB would return for it");
    }

    private static boolean unknown(@Nullable ReturnValue value) {
        return value == ReturnValue.UNKNOWN_TO_SDK_VERSION;
    }

    private static boolean unknown(@Nullable ReturnValuesOnConditionCheckFailure value) {
        return value == ReturnValuesOnConditionCheckFailure.UNKNOWN_TO_SDK_VERSION;
    }

    private static Map<Class<?>, List<Rule<?>>> table(Rule<?>... rules) {
        Map<Class<?>, List<Rule<?>>> byType = new LinkedHashMap<>();
        for (Rule<?> rule : rules) {
            byType.computeIfAbsent(rule.type(), k -> new ArrayList<>()).add(rule);
        }
        byType.replaceAll((type, list) -> List.copyOf(list));
        return Map.copyOf(byType);
    }
}
