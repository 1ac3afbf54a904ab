/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * Maps a DynamoDB JSON request to the IAM authorizations it needs, with {@code dynamodb:LeadingKeys} taken from
 * the request's keys, as IAM does: the partition key values of the items the request touches (per table for
 * batches; per item action for transactions, which IAM authorizes as the item actions they contain).
 */
public final class DynamoDbRequests {

    private static final JsonNodeParser PARSER = JsonNodeParser.create();
    private static final Pattern EQUALITY =
            Pattern.compile("([#:]?[A-Za-z0-9_.\\-]+)\\s*=\\s*([#:]?[A-Za-z0-9_.\\-]+)");

    /** A request the gateway does not map: refused, never forwarded. */
    public static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /** Operations authorized as the action of the same name on the table named by {@code TableName}. */
    private static final Set<String> TABLE_OPERATIONS = Set.of(
            "CreateTable",
            "DeleteTable",
            "DescribeTable",
            "UpdateTable",
            "Scan",
            "CreateBackup",
            "DescribeContinuousBackups",
            "UpdateContinuousBackups",
            "DescribeContributorInsights",
            "UpdateContributorInsights",
            "DescribeTimeToLive",
            "UpdateTimeToLive",
            "DescribeKinesisStreamingDestination",
            "EnableKinesisStreamingDestination",
            "DisableKinesisStreamingDestination",
            "UpdateKinesisStreamingDestination",
            "DescribeTableReplicaAutoScaling",
            "UpdateTableReplicaAutoScaling",
            "RestoreTableToPointInTime");
    /** Operations on the resource named by {@code ResourceArn}. */
    private static final Set<String> RESOURCE_ARN_OPERATIONS = Set.of(
            "TagResource",
            "UntagResource",
            "ListTagsOfResource",
            "GetResourcePolicy",
            "PutResourcePolicy",
            "DeleteResourcePolicy");
    /** Operations on no particular resource. */
    private static final Set<String> ACCOUNT_OPERATIONS = Set.of(
            "ListTables",
            "ListBackups",
            "ListGlobalTables",
            "ListExports",
            "ListImports",
            "ListContributorInsights",
            "DescribeLimits",
            "DescribeEndpoints");
    /** Operations on the global table named by {@code GlobalTableName}. */
    private static final Set<String> GLOBAL_TABLE_OPERATIONS = Set.of(
            "CreateGlobalTable",
            "DescribeGlobalTable",
            "DescribeGlobalTableSettings",
            "UpdateGlobalTable",
            "UpdateGlobalTableSettings");
    /** Operations on the resource named by another ARN member. */
    private static final Map<String, String> ARN_MEMBER_OPERATIONS = Map.of(
            "DescribeBackup", "BackupArn",
            "DeleteBackup", "BackupArn",
            "RestoreTableFromBackup", "BackupArn",
            "ExportTableToPointInTime", "TableArn",
            "DescribeExport", "ExportArn",
            "DescribeImport", "ImportArn");
    /** Item operations, with leading keys; PartiQL; and ImportTable, mapped in {@link #authorizations}. */
    private static final Set<String> ITEM_OPERATIONS = Set.of(
            "GetItem",
            "PutItem",
            "UpdateItem",
            "DeleteItem",
            "Query",
            "BatchGetItem",
            "BatchWriteItem",
            "TransactGetItems",
            "TransactWriteItems",
            "ExecuteStatement",
            "BatchExecuteStatement",
            "ExecuteTransaction",
            "ImportTable");

    private static final Pattern PARTIQL = Pattern.compile(
            "(?is)\\s*(SELECT\\b.*?\\bFROM|INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|EXISTS\\s*\\(\\s*SELECT\\b.*?\\bFROM)"
                    + "\\s+(\"(?:[^\"]|\"\")+\"|[A-Za-z0-9_.\\-]+).*");

    /** @return how many DynamoDB operations the gateway maps to IAM actions */
    public static int mappedOperations() {
        return TABLE_OPERATIONS.size()
                + RESOURCE_ARN_OPERATIONS.size()
                + ACCOUNT_OPERATIONS.size()
                + GLOBAL_TABLE_OPERATIONS.size()
                + ARN_MEMBER_OPERATIONS.size()
                + ITEM_OPERATIONS.size();
    }

    private final String region;
    private final String account;
    private final BiFunction<String, String, Optional<String>> partitionKeyOf;

    /**
     * Creates a mapper.
     *
     * @param region the region in ARNs
     * @param account the account in ARNs
     * @param partitionKeyOf (table, index or null) to the partition key attribute name, empty when unknown
     */
    public DynamoDbRequests(
            String region, String account, BiFunction<String, String, Optional<String>> partitionKeyOf) {
        this.region = region;
        this.account = account;
        this.partitionKeyOf = partitionKeyOf;
    }

    /**
     * The authorizations a request needs.
     *
     * @param operation the operation from {@code X-Amz-Target}, such as {@code GetItem}
     * @param body the JSON body
     * @return the authorizations, at least one
     */
    public List<AuthorizationRequest> authorizations(String operation, byte[] body) {
        Map<String, JsonNode> req = body.length == 0
                ? Map.of()
                : PARSER.parse(new String(body, StandardCharsets.UTF_8)).asObject();
        List<AuthorizationRequest> out = new ArrayList<>();
        if (!ITEM_OPERATIONS.contains(operation)
                && !TABLE_OPERATIONS.contains(operation)
                && !RESOURCE_ARN_OPERATIONS.contains(operation)
                && !ACCOUNT_OPERATIONS.contains(operation)
                && !GLOBAL_TABLE_OPERATIONS.contains(operation)
                && !ARN_MEMBER_OPERATIONS.containsKey(operation)) {
            throw new Unsupported("The gateway does not map the DynamoDB operation '" + operation + "'");
        }
        switch (operation) {
            case "GetItem", "DeleteItem", "UpdateItem" ->
                out.add(item("dynamodb:" + operation, string(req, "TableName"), req.get("Key")));
            case "PutItem" -> out.add(item("dynamodb:PutItem", string(req, "TableName"), req.get("Item")));
            case "Query" -> out.add(query(req));
            case "BatchGetItem" -> {
                for (Map.Entry<String, JsonNode> table :
                        objectOf(req.get("RequestItems")).entrySet()) {
                    List<String> keys = new ArrayList<>();
                    for (JsonNode key : arrayOf(objectOf(table.getValue()).get("Keys"))) {
                        leadingKey(table.getKey(), key).ifPresent(keys::add);
                    }
                    out.add(request("dynamodb:BatchGetItem", tableArn(table.getKey()), keys));
                }
            }
            case "BatchWriteItem" -> {
                for (Map.Entry<String, JsonNode> table :
                        objectOf(req.get("RequestItems")).entrySet()) {
                    List<String> keys = new ArrayList<>();
                    for (JsonNode write : arrayOf(table.getValue())) {
                        Map<String, JsonNode> w = objectOf(write);
                        JsonNode target = w.containsKey("PutRequest")
                                ? objectOf(w.get("PutRequest")).get("Item")
                                : objectOf(w.get("DeleteRequest")).get("Key");
                        leadingKey(table.getKey(), target).ifPresent(keys::add);
                    }
                    out.add(request("dynamodb:BatchWriteItem", tableArn(table.getKey()), keys));
                }
            }
            case "TransactWriteItems", "TransactGetItems" -> {
                for (JsonNode item : arrayOf(req.get("TransactItems"))) {
                    for (Map.Entry<String, JsonNode> op : objectOf(item).entrySet()) {
                        Map<String, JsonNode> o = objectOf(op.getValue());
                        String action = switch (op.getKey()) {
                            case "Put" -> "dynamodb:PutItem";
                            case "Update" -> "dynamodb:UpdateItem";
                            case "Delete" -> "dynamodb:DeleteItem";
                            case "ConditionCheck" -> "dynamodb:ConditionCheckItem";
                            case "Get" -> "dynamodb:GetItem";
                            default ->
                                throw new Unsupported(
                                        "The gateway does not map the transaction action '" + op.getKey() + "'");
                        };
                        out.add(item(
                                action, string(o, "TableName"), o.containsKey("Item") ? o.get("Item") : o.get("Key")));
                    }
                }
            }
            case "ExecuteStatement" -> out.add(partiql(string(req, "Statement")));
            case "BatchExecuteStatement" -> {
                for (JsonNode statement : arrayOf(req.get("Statements"))) {
                    out.add(partiql(string(objectOf(statement), "Statement")));
                }
            }
            case "ExecuteTransaction" -> {
                for (JsonNode statement : arrayOf(req.get("TransactStatements"))) {
                    out.add(partiql(string(objectOf(statement), "Statement")));
                }
            }
            case "ImportTable" ->
                out.add(new AuthorizationRequest(
                        "dynamodb:ImportTable",
                        tableArn(
                                required(string(objectOf(req.get("TableCreationParameters")), "TableName"), operation)),
                        Map.of()));
            default -> {
                String resource;
                if (TABLE_OPERATIONS.contains(operation)) {
                    resource = tableArn(required(string(req, "TableName"), operation));
                } else if (RESOURCE_ARN_OPERATIONS.contains(operation)) {
                    resource = required(string(req, "ResourceArn"), operation);
                } else if (ACCOUNT_OPERATIONS.contains(operation)) {
                    resource = "*";
                } else if (GLOBAL_TABLE_OPERATIONS.contains(operation)) {
                    resource = "arn:aws:dynamodb::" + account + ":global-table/"
                            + required(string(req, "GlobalTableName"), operation);
                } else if (ARN_MEMBER_OPERATIONS.containsKey(operation)) {
                    resource = required(string(req, ARN_MEMBER_OPERATIONS.get(operation)), operation);
                } else {
                    throw new Unsupported("The gateway does not map the DynamoDB operation '" + operation + "'");
                }
                out.add(new AuthorizationRequest("dynamodb:" + operation, resource, Map.of()));
            }
        }
        if (out.isEmpty()) {
            throw new Unsupported("The " + operation + " request names nothing to authorize");
        }
        return out;
    }

    /**
     * A PartiQL statement is authorized as {@code dynamodb:PartiQLSelect}/{@code Insert}/{@code Update}/{@code Delete}
     * on its table. Its leading keys are not extracted (the gateway does not parse PartiQL), so a policy that requires
     * them (the generated one, with its {@code Null} guard) denies it: fail closed.
     */
    private AuthorizationRequest partiql(String statement) {
        if (statement == null) {
            throw new Unsupported("A PartiQL request without a statement");
        }
        Matcher m = PARTIQL.matcher(statement);
        if (!m.matches()) {
            throw new Unsupported("The gateway does not map this PartiQL statement");
        }
        String verb = m.group(1).trim().toUpperCase(java.util.Locale.ROOT);
        String action = verb.startsWith("INSERT")
                ? "PartiQLInsert"
                : verb.startsWith("UPDATE")
                        ? "PartiQLUpdate"
                        : verb.startsWith("DELETE") ? "PartiQLDelete" : "PartiQLSelect";
        String table = m.group(2);
        if (table.startsWith("\"")) {
            table = table.substring(1, table.length() - 1).replace("\"\"", "\"");
        }
        int dot = table.indexOf('.');
        String arn =
                dot < 0 ? tableArn(table) : tableArn(table.substring(0, dot)) + "/index/" + table.substring(dot + 1);
        return new AuthorizationRequest("dynamodb:" + action, arn, Map.of());
    }

    private static String required(String value, String operation) {
        if (value == null || value.isEmpty()) {
            throw new Unsupported("The " + operation + " request names no resource");
        }
        return value;
    }

    private AuthorizationRequest item(String action, String table, JsonNode keyOrItem) {
        required(table, action);
        List<String> keys = new ArrayList<>();
        leadingKey(table, keyOrItem).ifPresent(keys::add);
        return request(action, tableArn(table), keys);
    }

    private AuthorizationRequest query(Map<String, JsonNode> req) {
        String table = string(req, "TableName");
        String index = string(req, "IndexName");
        String arn = index == null ? tableArn(table) : tableArn(table) + "/index/" + index;
        List<String> keys = new ArrayList<>();
        Optional<String> pk = partitionKeyOf.apply(table, index);
        if (pk.isPresent()) {
            Map<String, JsonNode> names = objectOf(req.get("ExpressionAttributeNames"));
            Map<String, JsonNode> values = objectOf(req.get("ExpressionAttributeValues"));
            String expression = string(req, "KeyConditionExpression");
            if (expression != null) {
                Matcher m = EQUALITY.matcher(expression);
                while (m.find()) {
                    String left = resolveName(m.group(1), names);
                    String right = resolveName(m.group(2), names);
                    if (pk.get().equals(left) && m.group(2).startsWith(":")) {
                        scalar(values.get(m.group(2))).ifPresent(keys::add);
                    } else if (pk.get().equals(right) && m.group(1).startsWith(":")) {
                        scalar(values.get(m.group(1))).ifPresent(keys::add);
                    }
                }
            }
            Map<String, JsonNode> legacy = objectOf(req.get("KeyConditions"));
            if (legacy.containsKey(pk.get())) {
                for (JsonNode v : arrayOf(objectOf(legacy.get(pk.get())).get("AttributeValueList"))) {
                    scalar(v).ifPresent(keys::add);
                }
            }
        }
        return request("dynamodb:Query", arn, keys);
    }

    private static String resolveName(String token, Map<String, JsonNode> names) {
        if (token.startsWith("#") && names.containsKey(token)) {
            return names.get(token).asString();
        }
        return token;
    }

    private Optional<String> leadingKey(String table, JsonNode keyOrItem) {
        Optional<String> pk = partitionKeyOf.apply(table, null);
        if (pk.isEmpty() || keyOrItem == null) {
            return Optional.empty();
        }
        return scalar(objectOf(keyOrItem).get(pk.get()));
    }

    /** The string form of a scalar attribute value ({@code S}, {@code N} or {@code B}). */
    private static Optional<String> scalar(JsonNode attributeValue) {
        Map<String, JsonNode> av = objectOf(attributeValue);
        for (String type : List.of("S", "N", "B")) {
            JsonNode v = av.get(type);
            if (v != null && (v.isString() || v.isNumber())) {
                return Optional.of(v.isString() ? v.asString() : v.asNumber());
            }
        }
        return Optional.empty();
    }

    private static AuthorizationRequest request(String action, String resource, List<String> leadingKeys) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        if (!leadingKeys.isEmpty()) {
            context.put("dynamodb:LeadingKeys", List.copyOf(leadingKeys));
        }
        return new AuthorizationRequest(action, resource, context);
    }

    private String tableArn(String table) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table;
    }

    private static String string(Map<String, JsonNode> obj, String name) {
        JsonNode n = obj.get(name);
        return n != null && n.isString() ? n.asString() : null;
    }

    private static Map<String, JsonNode> objectOf(JsonNode node) {
        return node != null && node.isObject() ? node.asObject() : Map.of();
    }

    private static List<JsonNode> arrayOf(JsonNode node) {
        return node != null && node.isArray() ? node.asArray() : List.of();
    }
}
