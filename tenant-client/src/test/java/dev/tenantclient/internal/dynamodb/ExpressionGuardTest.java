/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantLayout;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Which value placeholders of a request's expressions get the tenant prefix, and which forms are refused. */
class ExpressionGuardTest {

    private static final TableKeys NOTES =
            new TableKeys("notes", "id", Map.of("byOwner", "owner"), Set.of(), Set.of("id", "owner"));
    private static final PartitionKeys ACME =
            new PartitionKeys(TenantLayout.org(), new Tenant("acme", "alice", Map.of("org", "acme")));
    private static final Map<String, String> NAMES = Map.of("#o", "owner", "#t", "text", "#i", "id");
    private static final Map<String, AttributeValue> VALUES = Map.of(
            ":a", AttributeValue.fromS("a"),
            ":b", AttributeValue.fromS("b"),
            ":c", AttributeValue.fromS("c"));

    private static Map<String, AttributeValue> condition(String expression) {
        ExpressionGuard g = new ExpressionGuard(NOTES, NAMES);
        g.condition(expression, "condition expression");
        return g.values(VALUES, ACME);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "#o = :a",
                ":a = #o",
                "#o <> :a AND #t = :b",
                "#o BETWEEN :a AND :c",
                "#o IN (:a, :c)",
                "begins_with(#o, :a)",
                "NOT (#o < :a) OR #o >= :c",
                "#o = :a and attribute_exists(#t) and size(#t) > :b",
                "(#o = :a) AND (#t = :b)"
            })
    void valuesComparedWithATenantAttributeGetThePrefixAndOthersDoNot(String expression) {
        Map<String, AttributeValue> out = condition(expression);

        assertThat(out.get(":a").s()).isEqualTo("acme#a");
        assertThat(out.get(":b").s()).isEqualTo("b");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "contains(#o, :a)",
                "size(#o) > :a",
                "#o = #t",
                "#o = :a AND #t = :a",
                "#o.x = :a",
                "#o[1] = :a",
                "begins_with(#t, #o)",
                "#o = :a OR",
                "#o = :a )",
                "unknown_function(#o)",
                "#o",
                "#o = :a; #t = :b",
                "#o = :a \u2028",
                "#nope = :a",
                "#o = :missing"
            })
    void conditionsTheGuardCannotConfineAreRefused(String expression) {
        assertThatThrownBy(() -> condition(expression)).isInstanceOf(TenantBoundaryException.class);
    }

    @Test
    void aKeyConditionBindsThePartitionKeyOnlyInItsTopLevelConjunction() {
        ExpressionGuard g = new ExpressionGuard(NOTES, NAMES);
        assertThat(ExpressionGuard.equalityBindings(
                        g.condition("#i = :a AND begins_with(seq, :b)", "key condition expression"), "id"))
                .containsExactly(":a");
        assertThat(ExpressionGuard.equalityBindings(
                        g.condition("#o = :a OR #o = :b", "key condition expression"), "owner"))
                .isEmpty();
        assertThat(ExpressionGuard.equalityBindings(g.condition(":c = #o", "key condition expression"), "owner"))
                .containsExactly(":c");
    }

    @Test
    void aProjectionNamesItsTopLevelAttributes() {
        ExpressionGuard g = new ExpressionGuard(NOTES, NAMES);
        assertThat(g.projection("#t, a.b[2].c, #o")).containsExactlyInAnyOrder("text", "a", "owner");
        assertThatThrownBy(() -> g.projection("#t,")).isInstanceOf(TenantBoundaryException.class);
    }

    @Test
    void anUpdateRemovingAGlobalIndexKeyIsAllowedAndOneRemovingTheTableKeyIsNot() {
        ExpressionGuard g = new ExpressionGuard(NOTES, NAMES);
        g.update("REMOVE #o, #t");
        assertThatThrownBy(() -> g.update("REMOVE #i")).isInstanceOf(TenantBoundaryException.class);
    }

    @Test
    void arithmeticAndListsOnOtherAttributesAreLeftAlone() {
        ExpressionGuard g = new ExpressionGuard(NOTES, NAMES);
        g.update("SET n = if_not_exists(n, :a) + :b, l = list_append(l, :c) ADD s :a DELETE z :b");
        assertThat(g.values(VALUES, ACME)).isEqualTo(VALUES);
    }
}
