/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.testing.RandomStrings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Expressions are attacker-controlled text: whatever the guard accepts must put the tenant prefix on every value it
 * binds to a tenant attribute, and whatever it does not understand it refuses with a {@link TenantBoundaryException}
 * (never another exception, never a silent pass).
 */
class ExpressionGuardFuzzTest {

    private static final TableKeys NOTES =
            new TableKeys("notes", "id", Map.of("byOwner", "owner"), Set.of(), Set.of("id", "owner"));
    private static final PartitionKeys ACME =
            new PartitionKeys(TenantLayout.org(), new Tenant("acme", "alice", Map.of("org", "acme")));
    private static final Map<String, String> NAMES = Map.of("#o", "owner", "#t", "text", "#i", "id", "#n", "n");
    private static final Map<String, AttributeValue> VALUES = values();

    /** A tenant attribute directly related to a value by a comparison or assignment, in either order. */
    private static final Pattern TENANT_THEN_VALUE =
            Pattern.compile("(?<![.\\w#\\]])(?:#o|#i|owner|id)\\s*(?:=|<>|<=|>=|<|>)\\s*(:\\w+)(?![\\w.\\[])");

    private static final Pattern VALUE_THEN_TENANT =
            Pattern.compile("(?<![\\w.])(:\\w+)\\s*(?:=|<>|<=|>=|<|>)\\s*(?:#o|#i|owner|id)(?![\\w.\\[#])");

    private static Map<String, AttributeValue> values() {
        Map<String, AttributeValue> v = new LinkedHashMap<>();
        for (String p : new String[] {":a", ":b", ":c", ":d"}) {
            v.put(p, AttributeValue.fromS(p.substring(1)));
        }
        return v;
    }

    @FuzzTest
    void anyConditionIsConfinedOrRefused(FuzzedDataProvider data) {
        confinedOrRefused(new Grammar(bound -> data.consumeInt(0, bound - 1)).condition(0), false);
    }

    @FuzzTest
    void anyUpdateIsConfinedOrRefused(FuzzedDataProvider data) {
        confinedOrRefused(new Grammar(bound -> data.consumeInt(0, bound - 1)).update(), true);
    }

    @FuzzTest
    void anyTextIsConfinedOrRefused(FuzzedDataProvider data) {
        boolean update = data.consumeBoolean();
        confinedOrRefused(data.consumeRemainingAsString(), update);
    }

    /**
     * Expressions from DynamoDB's grammar, over tenant attributes ({@code #o}, {@code #i}, {@code owner}, {@code id})
     * and others, with occasional damage (a word dropped or inserted), so most inputs get past the parser.
     */
    private static final class Grammar {
        private static final String[] ATTRIBUTES = {
            "#o", "#t", "#i", "#n", "owner", "text", "id", "#o.x", "#t.#o", "#o[0]", "#t[1].#o"
        };
        private static final String[] VALUES = {":a", ":b", ":c", ":d"};
        private static final String[] OPERATORS = {"=", "<>", "<", "<=", ">", ">="};

        private final java.util.function.IntUnaryOperator choice;

        Grammar(java.util.function.IntUnaryOperator choice) {
            this.choice = choice;
        }

        private int pick(int bound) {
            return Math.floorMod(choice.applyAsInt(bound), bound);
        }

        private String one(String[] words) {
            return words[pick(words.length)];
        }

        private String operand() {
            return switch (pick(4)) {
                case 0, 1 -> one(ATTRIBUTES);
                case 2 -> one(VALUES);
                default -> "size(" + one(ATTRIBUTES) + ")";
            };
        }

        String condition(int depth) {
            int form = depth > 3 ? pick(4) : pick(10);
            String c = switch (form) {
                case 0, 1 -> operand() + " " + one(OPERATORS) + " " + operand();
                case 2 -> operand() + " BETWEEN " + operand() + " AND " + operand();
                case 3 ->
                    switch (pick(5)) {
                        case 0 -> "begins_with(" + one(ATTRIBUTES) + ", " + operand() + ")";
                        case 1 -> "contains(" + one(ATTRIBUTES) + ", " + operand() + ")";
                        case 2 -> "attribute_exists(" + one(ATTRIBUTES) + ")";
                        case 3 -> "attribute_not_exists(" + one(ATTRIBUTES) + ")";
                        default -> "attribute_type(" + one(ATTRIBUTES) + ", " + one(VALUES) + ")";
                    };
                case 4 -> operand() + " IN (" + operand() + ", " + operand() + ")";
                case 5, 6 -> condition(depth + 1) + " AND " + condition(depth + 1);
                case 7 -> condition(depth + 1) + " OR " + condition(depth + 1);
                case 8 -> "NOT " + condition(depth + 1);
                default -> "(" + condition(depth + 1) + ")";
            };
            return depth == 0 ? damage(c) : c;
        }

        String update() {
            StringBuilder u = new StringBuilder("SET ").append(assignment());
            for (int i = pick(3); i > 0; i--) {
                u.append(", ").append(assignment());
            }
            switch (pick(4)) {
                case 0 -> u.append(" REMOVE ").append(one(ATTRIBUTES));
                case 1 -> u.append(" ADD ").append(one(ATTRIBUTES)).append(' ').append(one(VALUES));
                case 2 ->
                    u.append(" DELETE ").append(one(ATTRIBUTES)).append(' ').append(one(VALUES));
                default -> {}
            }
            return damage(u.toString());
        }

        private String assignment() {
            String value = switch (pick(6)) {
                case 0, 1 -> one(VALUES);
                case 2 -> one(ATTRIBUTES);
                case 3 -> operand() + " " + (pick(2) == 0 ? "+" : "-") + " " + operand();
                case 4 -> "if_not_exists(" + one(ATTRIBUTES) + ", " + one(VALUES) + ")";
                default -> "list_append(" + one(ATTRIBUTES) + ", " + one(VALUES) + ")";
            };
            return one(ATTRIBUTES) + " = " + value;
        }

        /** Drops or inserts one word now and then, to reach the parser's error paths. */
        private String damage(String expression) {
            if (pick(5) != 0) {
                return expression;
            }
            String[] words = expression.split(" ", -1);
            int at = pick(words.length);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < words.length; i++) {
                if (i == at) {
                    if (pick(2) == 0) {
                        continue;
                    }
                    out.append(one(new String[] {"(", ")", ",", "AND", "=", ":a", "#o", "SET", "."}))
                            .append(' ');
                }
                out.append(words[i]).append(' ');
            }
            return out.toString().trim();
        }
    }

    /**
     * The property: only a typed refusal may escape, and an accepted expression's values bound to a tenant attribute
     * carry the tenant's prefix (checked by a textual oracle independent of the guard's parser; it sees only the
     * plain {@code attribute op :value} forms, so it never reports a false breach, and catches a parser that accepts
     * one without binding the value).
     */
    private static void confinedOrRefused(String expression, boolean update) {
        Map<String, AttributeValue> sent;
        try {
            ExpressionGuard guard = new ExpressionGuard(NOTES, NAMES);
            if (update) {
                guard.update(expression);
            } else {
                guard.condition(expression, "condition expression");
            }
            sent = guard.values(VALUES, ACME);
        } catch (TenantBoundaryException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        for (Pattern p : new Pattern[] {TENANT_THEN_VALUE, VALUE_THEN_TENANT}) {
            Matcher m = p.matcher(expression);
            while (m.find()) {
                AttributeValue v = sent.get(m.group(1));
                if (v != null) {
                    assertThat(v.s())
                            .as("value %s bound to a tenant attribute in accepted %s", m.group(1), expression)
                            .startsWith("acme#");
                }
            }
        }
        sent.forEach((placeholder, v) -> {
            if (!v.equals(VALUES.get(placeholder))) {
                assertThat(v.s()).as("a rewritten value stays in the tenant").startsWith("acme#");
            }
        });
    }

    static Stream<String> conditions() {
        return RandomStrings.seeded(31).cases(1_500, r -> new Grammar(r.random()::nextInt).condition(0));
    }

    static Stream<String> updates() {
        return RandomStrings.seeded(32).cases(1_500, r -> new Grammar(r.random()::nextInt).update());
    }

    static Stream<String> texts() {
        return RandomStrings.seeded(33).cases(500, r -> r.anyString(60));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("conditions")
    void anyGeneratedConditionIsConfinedOrRefused(String expression) {
        confinedOrRefused(expression, false);
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("updates")
    void anyGeneratedUpdateIsConfinedOrRefused(String expression) {
        confinedOrRefused(expression, true);
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("texts")
    void anyTextIsConfinedOrRefused(String expression) {
        confinedOrRefused(expression, false);
        confinedOrRefused(expression, true);
    }
}
