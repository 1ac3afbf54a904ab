/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.internal.dynamodb.Expressions.Action;
import dev.tenantclient.internal.dynamodb.Expressions.Arithmetic;
import dev.tenantclient.internal.dynamodb.Expressions.Call;
import dev.tenantclient.internal.dynamodb.Expressions.Comparison;
import dev.tenantclient.internal.dynamodb.Expressions.Condition;
import dev.tenantclient.internal.dynamodb.Expressions.FunctionCondition;
import dev.tenantclient.internal.dynamodb.Expressions.Logical;
import dev.tenantclient.internal.dynamodb.Expressions.Operand;
import dev.tenantclient.internal.dynamodb.Expressions.Path;
import dev.tenantclient.internal.dynamodb.Expressions.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads every expression of one request (they share one {@code ExpressionAttributeValues} map) and decides, for each
 * value placeholder, whether it stands for a tenant attribute's value (then the tenant prefix is added and checked)
 * or for anything else (then it is sent as given). A tenant attribute is the table's partition key or the partition
 * key of a tenant-keyed global index.
 *
 * <p>The rules, which keep the stored form of every tenant attribute inside the tenant:
 *
 * <ul>
 *   <li>{@code SET t = :v}, {@code SET t = if_not_exists(t2, :v)} and {@code SET t = t2} (t, t2 tenant attributes)
 *       are understood; any other value for a tenant attribute ({@code +}, {@code -}, {@code list_append}, another
 *       attribute, a nested path) is refused, as are {@code ADD}/{@code DELETE} on one and any nested path below one.
 *   <li>In conditions, values compared with a tenant attribute ({@code =}, {@code <>}, {@code <}, {@code BETWEEN},
 *       {@code IN}, {@code begins_with}) get the prefix; {@code contains} and {@code size} on a tenant attribute, and
 *       comparing one with a non-tenant attribute, are refused (the stored form would make them mean something else).
 *   <li>A placeholder used both for a tenant attribute and for anything else is refused: it cannot be both.
 * </ul>
 */
final class ExpressionGuard {

    private final TableKeys table;
    private final Map<String, String> names;
    private final Map<String, String> tenantPlaceholders = new LinkedHashMap<>();
    private final Set<String> plainPlaceholders = new HashSet<>();

    /**
     * A guard for one request.
     *
     * @param table the table's keys
     * @param names the request's {@code ExpressionAttributeNames} (may be empty)
     */
    ExpressionGuard(TableKeys table, Map<String, String> names) {
        this.table = table;
        this.names = names;
    }

    /**
     * Reads an update expression.
     *
     * @param expression the expression, or null
     * @throws TenantBoundaryException for a form the guard does not understand on a tenant attribute
     */
    void update(@Nullable String expression) {
        if (expression == null) {
            return;
        }
        for (Action a : Expressions.update(expression, names)) {
            Path target = a.path();
            boolean tenant = isTenant(target);
            if (tenant && target.nested()) {
                throw refuse("changes a path below tenant attribute '" + target.attribute() + "', a string");
            }
            switch (a.clause()) {
                case "SET" -> {
                    if (tenant) {
                        tenantValue(a.value(), target.attribute());
                    } else {
                        plainValue(a.value());
                    }
                }
                case "REMOVE" -> {
                    if (tenant && target.attribute().equals(table.partitionKey())) {
                        throw refuse("removes the table's partition key '" + target.attribute() + "'");
                    }
                }
                default -> {
                    if (tenant) {
                        throw refuse(
                                "uses " + a.clause() + " on tenant attribute '" + target.attribute() + "', a string");
                    }
                    plainValue(a.value());
                }
            }
        }
    }

    /**
     * Reads a condition, filter or key condition expression.
     *
     * @param expression the expression, or null
     * @param what its role, for messages
     * @return the parsed condition, or null when there was none
     * @throws TenantBoundaryException for a form the guard does not understand on a tenant attribute
     */
    @Nullable
    Condition condition(@Nullable String expression, String what) {
        if (expression == null) {
            return null;
        }
        Condition c = Expressions.condition(expression, names, what);
        condition(c);
        return c;
    }

    /**
     * Reads a projection expression.
     *
     * @param expression the expression
     * @return the top-level attributes it names
     */
    Set<String> projection(String expression) {
        Set<String> attributes = new HashSet<>();
        for (Path p : Expressions.projection(expression, names)) {
            attributes.add(p.attribute());
        }
        return attributes;
    }

    /**
     * Reads a key condition expression in one walk: it is guarded as any condition, and the value placeholders its
     * top-level conjunction binds to {@code attribute} with {@code =} are collected on the way.
     *
     * @param expression the key condition expression
     * @param attribute the partition key attribute of the table or index queried
     * @return the placeholders bound to the partition key, possibly empty
     * @throws TenantBoundaryException for a form the guard does not understand on a tenant attribute
     */
    List<String> keyCondition(String expression, String attribute) {
        List<String> bound = new ArrayList<>();
        for (Condition part : conjuncts(Expressions.condition(expression, names, "key condition expression"))) {
            condition(part);
            String placeholder = equalityBinding(part, attribute);
            if (placeholder != null) {
                bound.add(placeholder);
            }
        }
        return bound;
    }

    /**
     * The value placeholders a key condition binds to an attribute with {@code =} in its top-level conjunction.
     *
     * @param keyCondition the parsed key condition
     * @param attribute the partition key attribute
     * @return the placeholders, possibly empty
     */
    static List<String> equalityBindings(Condition keyCondition, String attribute) {
        List<String> out = new ArrayList<>();
        for (Condition c : conjuncts(keyCondition)) {
            String placeholder = equalityBinding(c, attribute);
            if (placeholder != null) {
                out.add(placeholder);
            }
        }
        return out;
    }

    private static List<Condition> conjuncts(Condition c) {
        return c instanceof Logical l && l.operator().equals("AND") ? l.parts() : List.of(c);
    }

    /** @return the placeholder {@code c} binds to {@code attribute} with {@code =}, or null */
    private static @Nullable String equalityBinding(Condition c, String attribute) {
        if (c instanceof Comparison cmp && cmp.operator().equals("=")) {
            Operand left = cmp.operands().get(0);
            Operand right = cmp.operands().get(1);
            if (isAttribute(left, attribute) && right instanceof Value v) {
                return v.placeholder();
            }
            if (isAttribute(right, attribute) && left instanceof Value v) {
                return v.placeholder();
            }
        }
        return null;
    }

    private static boolean isAttribute(Operand o, String attribute) {
        return o instanceof Path p && !p.nested() && p.attribute().equals(attribute);
    }

    /**
     * Guards the expressions of one write (an item write, or an action of a transaction) and puts the tenant prefix on
     * the values they bind to tenant attributes: the one setup every write shares.
     *
     * @param t the table written
     * @param names the write's {@code ExpressionAttributeNames}
     * @param update its update expression, or null
     * @param condition its condition expression, or null
     * @param values its {@code ExpressionAttributeValues} (empty when it has none)
     * @param keys the tenant's partition-key rule
     * @param rewritten takes the values to send, called only when they differ from {@code values}
     * @throws TenantBoundaryException for an expression or value the guard cannot confine
     */
    static void write(
            TableKeys t,
            Map<String, String> names,
            @Nullable String update,
            @Nullable String condition,
            Map<String, AttributeValue> values,
            PartitionKeys keys,
            Consumer<Map<String, AttributeValue>> rewritten) {
        ExpressionGuard expressions = new ExpressionGuard(t, names);
        expressions.update(update);
        expressions.condition(condition, "condition expression");
        Map<String, AttributeValue> out = expressions.values(values, keys);
        if (out != values) {
            rewritten.accept(out);
        }
    }

    /**
     * The request's values with the tenant prefix on every value that stands for a tenant attribute.
     *
     * @param values the request's {@code ExpressionAttributeValues}
     * @param keys the tenant's partition-key rule
     * @return the values to send
     * @throws TenantBoundaryException when a placeholder is both a tenant value and something else, is missing, or is
     *     not a string, or the value is not one the tenant may store
     */
    Map<String, AttributeValue> values(Map<String, AttributeValue> values, PartitionKeys keys) {
        if (tenantPlaceholders.isEmpty()) {
            return values;
        }
        Map<String, AttributeValue> out = new HashMap<>(values);
        tenantPlaceholders.forEach((placeholder, attribute) -> {
            if (plainPlaceholders.contains(placeholder)) {
                throw new TenantBoundaryException("Value placeholder '" + placeholder + "' is used both for tenant"
                        + " attribute '" + attribute + "' and for another operand; use a placeholder of its own for"
                        + " the tenant attribute");
            }
            AttributeValue v = values.get(placeholder);
            if (v == null || v.s() == null) {
                throw new TenantBoundaryException("Attribute '" + attribute + "' carries the tenant and must be a"
                        + " string; value placeholder '" + placeholder + "' is "
                        + (v == null ? "missing" : "not a string"));
            }
            out.put(placeholder, AttributeValue.fromS(keys.toStored(attribute, v.s())));
        });
        return out;
    }

    /** @return whether any value placeholder stands for a tenant attribute */
    boolean bindsTenantValues() {
        return !tenantPlaceholders.isEmpty();
    }

    // ------------------------------------------------------------------------------------------ rules

    private boolean isTenant(Path p) {
        return table.tenantAttributes().contains(p.attribute());
    }

    private boolean isTenantAttribute(@Nullable Operand o) {
        return o instanceof Path p && isTenant(p) && !p.nested();
    }

    /** The value assigned to tenant attribute {@code attribute}. */
    private void tenantValue(@Nullable Operand value, String attribute) {
        if (value instanceof Value v) {
            tenantPlaceholders.putIfAbsent(v.placeholder(), attribute);
        } else if (isTenantAttribute(value)) {
            // copies another tenant attribute of the same item: already a stored, prefixed value
        } else if (value instanceof Call c
                && c.function().equals("if_not_exists")
                && c.arguments().size() == 2
                && isTenantAttribute(c.arguments().get(0))
                && (c.arguments().get(1) instanceof Value
                        || isTenantAttribute(c.arguments().get(1)))) {
            tenantValue(c.arguments().get(1), attribute);
        } else {
            throw refuse("assigns tenant attribute '" + attribute + "' a value that is not a value placeholder,"
                    + " another tenant attribute or if_not_exists(tenant attribute, value placeholder)");
        }
    }

    /** A value in an update that does not go into a tenant attribute. */
    private void plainValue(@Nullable Operand value) {
        if (value instanceof Value v) {
            plainPlaceholders.add(v.placeholder());
        } else if (value instanceof Path p) {
            if (isTenant(p)) {
                throw refuse("copies tenant attribute '" + p.attribute() + "' into another attribute");
            }
        } else if (value instanceof Arithmetic a) {
            plainValue(a.left());
            plainValue(a.right());
        } else if (value instanceof Call c) {
            if (!(c.function().equals("if_not_exists") || c.function().equals("list_append"))
                    || c.arguments().size() != 2) {
                throw refuse("uses function '" + c.function() + "' where a value was expected");
            }
            if (c.function().equals("if_not_exists") && !(c.arguments().get(0) instanceof Path)) {
                throw refuse("uses if_not_exists without a path");
            }
            c.arguments().forEach(this::plainValue);
        } else {
            throw refuse("has an operand the guard does not know");
        }
    }

    private void condition(Condition c) {
        if (c instanceof Logical l) {
            l.parts().forEach(this::condition);
        } else if (c instanceof Comparison cmp) {
            comparison(cmp.operands());
        } else if (c instanceof FunctionCondition f) {
            conditionFunction(f.call());
        } else {
            throw refuse("has a condition the guard does not know");
        }
    }

    /** Operands related by one comparison: all tenant values or all plain ones. */
    private void comparison(List<Operand> operands) {
        String attribute = null;
        for (Operand o : operands) {
            if (o instanceof Path p && isTenant(p)) {
                if (p.nested()) {
                    throw refuse("compares a path below tenant attribute '" + p.attribute() + "', a string");
                }
                attribute = p.attribute();
            }
        }
        for (Operand o : operands) {
            if (attribute == null) {
                plainOperand(o);
            } else if (o instanceof Value v) {
                tenantPlaceholders.putIfAbsent(v.placeholder(), attribute);
            } else if (!isTenantAttribute(o)) {
                throw refuse("compares tenant attribute '" + attribute + "' with something other than a value"
                        + " placeholder or another tenant attribute");
            }
        }
    }

    /** An operand of a comparison or function that involves no tenant attribute. */
    private void plainOperand(Operand o) {
        if (o instanceof Value v) {
            plainPlaceholders.add(v.placeholder());
        } else if (o instanceof Path p) {
            if (isTenant(p)) {
                throw refuse("uses tenant attribute '" + p.attribute() + "' where its stored form would change"
                        + " the meaning");
            }
        } else if (o instanceof Call call) {
            if (!call.function().equals("size")
                    || call.arguments().size() != 1
                    || !(call.arguments().get(0) instanceof Path p)) {
                throw refuse("uses function '" + call.function() + "' as an operand");
            }
            if (isTenant(p)) {
                throw refuse(
                        "takes the size of tenant attribute '" + p.attribute() + "'; its stored form is" + " longer");
            }
        } else {
            throw refuse("uses arithmetic in a condition");
        }
    }

    private void conditionFunction(Call call) {
        List<Operand> args = call.arguments();
        if (args.isEmpty() || !(args.get(0) instanceof Path first)) {
            throw refuse("calls '" + call.function() + "' without a path as its first argument");
        }
        switch (call.function()) {
            case "attribute_exists", "attribute_not_exists" -> {
                if (args.size() != 1) {
                    throw refuse("calls " + call.function() + " with " + args.size() + " arguments");
                }
            }
            case "attribute_type" -> {
                if (args.size() != 2 || !(args.get(1) instanceof Value v)) {
                    throw refuse("calls attribute_type without a value placeholder for the type");
                }
                plainPlaceholders.add(v.placeholder());
            }
            case "begins_with" -> {
                if (args.size() != 2) {
                    throw refuse("calls begins_with with " + args.size() + " arguments");
                }
                if (isTenant(first)) {
                    if (first.nested() || !(args.get(1) instanceof Value v)) {
                        throw refuse("calls begins_with on tenant attribute '" + first.attribute()
                                + "' with something other than a value placeholder");
                    }
                    tenantPlaceholders.putIfAbsent(v.placeholder(), first.attribute());
                } else {
                    plainOperand(args.get(1));
                }
            }
            case "contains" -> {
                if (args.size() != 2) {
                    throw refuse("calls contains with " + args.size() + " arguments");
                }
                if (isTenant(first)) {
                    throw refuse("calls contains on tenant attribute '" + first.attribute() + "'; its stored form"
                            + " carries the tenant prefix");
                }
                plainOperand(args.get(1));
            }
            default -> throw refuse("calls '" + call.function() + "', which is not a condition function");
        }
    }

    private TenantBoundaryException refuse(String problem) {
        return new TenantBoundaryException("An expression on table '" + table.table() + "' " + problem
                + "; tenant-client sends only expressions it can check against the tenant boundary");
    }
}
