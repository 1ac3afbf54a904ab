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
                            default -> "dynamodb:" + op.getKey();
                        };
                        out.add(item(
                                action, string(o, "TableName"), o.containsKey("Item") ? o.get("Item") : o.get("Key")));
                    }
                }
            }
            default -> {
                String table = string(req, "TableName");
                out.add(new AuthorizationRequest(
                        "dynamodb:" + operation,
                        table == null ? "arn:aws:dynamodb:" + region + ":" + account + ":table/*" : tableArn(table),
                        Map.of()));
            }
        }
        return out;
    }

    private AuthorizationRequest item(String action, String table, JsonNode keyOrItem) {
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
