/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * Pretty-printed JSON for the command line's machine-readable output: maps (in their order), lists, strings, booleans,
 * numbers, null, and already-parsed JSON (a generated policy). Characters outside printable ASCII are escaped, so the
 * output survives any terminal or CI log.
 */
final class JsonText {

    private JsonText() {}

    /** Parses JSON text (such as {@code TenantPolicies.toJson(policy)}) to embed it in a larger document. */
    static JsonNode parse(String json) {
        return JsonNodeParser.create().parse(json);
    }

    /** JSON as plain Java values: maps (in document order), lists, strings, booleans, numbers as written, null. */
    static @Nullable Object toPlain(JsonNode node) {
        Object value = unwrap(node);
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), toPlain((JsonNode) v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new java.util.ArrayList<>();
            list.forEach(v -> out.add(toPlain((JsonNode) v)));
            return out;
        }
        return value;
    }

    static String write(@Nullable Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.toString();
    }

    private static void write(@Nullable Object value, StringBuilder out, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof JsonNode node) {
            write(unwrap(node), out, indent);
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(indent)
                        .append("  ")
                        .append(quote(String.valueOf(e.getKey())))
                        .append(": ");
                write(e.getValue(), out, indent + "  ");
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(indent).append("  ");
                write(list.get(i), out, indent + "  ");
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof Boolean || value instanceof Number || value instanceof RawNumber) {
            out.append(value);
        } else {
            out.append(quote(value.toString()));
        }
    }

    private static @Nullable Object unwrap(JsonNode node) {
        if (node.isObject()) {
            return node.asObject();
        }
        if (node.isArray()) {
            return node.asArray();
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isNumber()) {
            return new RawNumber(node.asNumber());
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return null;
    }

    /** A number kept as written. */
    private record RawNumber(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
