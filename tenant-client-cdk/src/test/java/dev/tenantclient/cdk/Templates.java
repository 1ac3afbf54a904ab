/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/** Synthesized templates as Jackson trees, and the helpers the tests read them with. */
final class Templates {

    static final ObjectMapper JSON = new ObjectMapper();

    private Templates() {}

    /** Synthesizes a stack (its whole app, once) and reads the template. */
    static JsonNode of(Stack stack) {
        return JSON.valueToTree(Template.fromStack(stack).toJSON());
    }

    /** The resources of one type, logical id to resource. */
    static List<Map.Entry<String, JsonNode>> resources(JsonNode template, String type) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        template.path("Resources").properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                out.add(e);
            }
        });
        return out;
    }

    /** The only resource of a type. */
    static JsonNode only(JsonNode template, String type) {
        List<Map.Entry<String, JsonNode>> all = resources(template, type);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + all.size());
        }
        return all.get(0).getValue();
    }

    /** The logical id of the only resource of a type. */
    static String onlyId(JsonNode template, String type) {
        List<Map.Entry<String, JsonNode>> all = resources(template, type);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + all.size());
        }
        return all.get(0).getKey();
    }

    /**
     * Replaces {@code Fn::GetAtt [id, attribute]} by what the function answers, {@code Ref} of pseudo parameters by
     * fixed values, and {@code Fn::Join} by the joined text; leaves everything else.
     */
    static JsonNode flatten(JsonNode node, BiFunction<String, String, String> getAtt) {
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(e -> out.add(flatten(e, getAtt)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1 && node.has("Fn::GetAtt")) {
            String value = getAtt.apply(
                    node.get("Fn::GetAtt").get(0).asText(),
                    node.get("Fn::GetAtt").get(1).asText());
            return value == null ? node : TextNode.valueOf(value);
        }
        if (node.size() == 1 && node.has("Ref")) {
            String value = getAtt.apply(node.get("Ref").asText(), "Ref");
            return value == null ? node : TextNode.valueOf(value);
        }
        if (node.size() == 1 && node.has("Fn::Join")) {
            StringBuilder out = new StringBuilder();
            JsonNode parts = flatten(node.get("Fn::Join").get(1), getAtt);
            for (int i = 0; i < parts.size(); i++) {
                if (!parts.get(i).isTextual()) {
                    return node;
                }
                out.append(i == 0 ? "" : node.get("Fn::Join").get(0).asText())
                        .append(parts.get(i).asText());
            }
            return TextNode.valueOf(out.toString());
        }
        ObjectNode out = JSON.createObjectNode();
        node.properties().forEach(e -> out.set(e.getKey(), flatten(e.getValue(), getAtt)));
        return out;
    }

    /** The pseudo parameters of an account 123456789012 in us-east-1. */
    static String pseudo(String id, String attribute) {
        if (!attribute.equals("Ref")) {
            return null;
        }
        return switch (id) {
            case "AWS::Region" -> "us-east-1";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::Partition" -> "aws";
            case "AWS::AccountId" -> "123456789012";
            default -> null;
        };
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
