/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;
import software.amazon.awssdk.policybuilder.iam.IamValue;

/**
 * Evaluates identity-based IAM policies for one request — the subset of IAM that tenant-client's generated
 * policies (and the seed articles' hand-written ones) use, as the IAM User Guide documents it:
 *
 * <ul>
 *   <li>Decision: an explicit {@code Deny} wins; otherwise any matching {@code Allow}; otherwise implicit deny
 *       ("Policy evaluation logic").
 *   <li>{@code Action}/{@code NotAction}: case-insensitive, {@code *} and {@code ?} wildcards.
 *       {@code Resource}/{@code NotResource}: case-sensitive, same wildcards.
 *   <li>Policy variables {@code ${aws:PrincipalTag/key}} (and {@code ${*}}, {@code ${?}}, {@code ${$}}) in resources
 *       and condition values; a variable whose key is absent makes that resource or value match nothing.
 *   <li>Operators {@code StringEquals}, {@code StringNotEquals}, {@code StringEqualsIgnoreCase},
 *       {@code StringLike}, {@code StringNotLike}, {@code Null}, with {@code IfExists}; values of one key are ORed,
 *       keys and operators are ANDed. An absent key makes a positive operator false and a negated one true.
 *   <li>Set operators: {@code ForAllValues:} is true when every request value matches some policy value — and so
 *       <b>true when the key is absent or empty</b>; {@code ForAnyValue:} is true when some request value matches,
 *       false when absent ("Single-valued vs. multivalued context keys").
 * </ul>
 *
 * <p>Unknown operators make the statement not match (fail closed). Thread-safe.
 */
public final class PolicyEvaluator {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** The outcome of an evaluation. */
    public enum Effect {
        /** A statement allowed it and none denied it. */
        ALLOW,
        /** A statement denied it. */
        EXPLICIT_DENY,
        /** No statement allowed it. */
        IMPLICIT_DENY
    }

    /**
     * A decision and the statement that made it.
     *
     * @param effect the outcome
     * @param statement the deciding statement's Sid (or index), or null for an implicit deny
     */
    public record Decision(Effect effect, String statement) {
        /** @return whether the request is allowed */
        public boolean allowed() {
            return effect == Effect.ALLOW;
        }

        /** @return a reason for a denial, as IAM phrases it */
        public String reason() {
            return switch (effect) {
                case ALLOW -> "allowed by " + statement;
                case EXPLICIT_DENY -> "an explicit deny in " + statement;
                case IMPLICIT_DENY -> "no identity-based policy allows the action";
            };
        }
    }

    private final List<IamPolicy> policies;

    /**
     * An evaluator for a set of policies (all attached to one principal).
     *
     * @param policies the policies
     */
    public PolicyEvaluator(List<IamPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    /**
     * Evaluates one request.
     *
     * @param action such as {@code dynamodb:GetItem}
     * @param resource the resource ARN
     * @param context request condition keys to values (an absent key is absent from the map)
     * @param principalTags the session's principal tags
     * @return the decision
     */
    public Decision evaluate(
            String action, String resource, Map<String, List<String>> context, Map<String, String> principalTags) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Map<String, List<String>> ctx = new LinkedHashMap<>();
        context.forEach((k, v) -> ctx.put(k.toLowerCase(Locale.ROOT), v));
        principalTags.forEach((k, v) -> ctx.putIfAbsent("aws:principaltag/" + k.toLowerCase(Locale.ROOT), List.of(v)));
        Decision allow = null;
        for (IamPolicy policy : policies) {
            int index = 0;
            for (IamStatement statement : policy.statements()) {
                String name = statement.sid() != null ? statement.sid() : "statement " + index;
                index++;
                if (!matches(statement, action, resource, ctx)) {
                    continue;
                }
                if (IamEffect.DENY.equals(statement.effect())) {
                    return new Decision(Effect.EXPLICIT_DENY, name);
                }
                if (allow == null) {
                    allow = new Decision(Effect.ALLOW, name);
                }
            }
        }
        return allow != null ? allow : new Decision(Effect.IMPLICIT_DENY, null);
    }

    private static boolean matches(IamStatement s, String action, String resource, Map<String, List<String>> ctx) {
        boolean actionMatches = s.actions().isEmpty()
                ? !s.notActions().isEmpty() && s.notActions().stream().noneMatch(a -> like(a.value(), action, true))
                : s.actions().stream().anyMatch(a -> like(a.value(), action, true));
        if (!actionMatches) {
            return false;
        }
        boolean resourceMatches = s.resources().isEmpty()
                ? !s.notResources().isEmpty()
                        && s.notResources().stream().noneMatch(r -> resourceLike(r, resource, ctx))
                : s.resources().stream().anyMatch(r -> resourceLike(r, resource, ctx));
        return resourceMatches && conditionsHold(s.conditions(), ctx);
    }

    private static boolean resourceLike(IamValue pattern, String resource, Map<String, List<String>> ctx) {
        String p = substitute(pattern.value(), ctx, true);
        return p != null && like(p, resource, false);
    }

    private static boolean conditionsHold(List<IamCondition> conditions, Map<String, List<String>> ctx) {
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        for (IamCondition c : conditions) {
            blocks.computeIfAbsent(c.operator().value() + "\u0000" + c.key().value(), k -> new ArrayList<>())
                    .add(c.value());
        }
        for (Map.Entry<String, List<String>> block : blocks.entrySet()) {
            String[] opKey = block.getKey().split("\u0000", 2);
            if (!holds(opKey[0], opKey[1], block.getValue(), ctx)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(
            String operator, String key, List<String> policyValues, Map<String, List<String>> ctx) {
        String op = operator;
        String set = null;
        int colon = op.indexOf(':');
        if (colon > 0) {
            set = op.substring(0, colon);
            op = op.substring(colon + 1);
        }
        boolean ifExists = op.endsWith("IfExists");
        if (ifExists) {
            op = op.substring(0, op.length() - "IfExists".length());
        }
        List<String> values = ctx.get(key.toLowerCase(Locale.ROOT));
        boolean absent = values == null || values.isEmpty();
        String plain = op;
        if (op.equals("Null")) {
            return policyValues.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
        }
        boolean negated =
                op.equals("StringNotEquals") || op.equals("StringNotLike") || op.equals("StringNotEqualsIgnoreCase");
        if ("ForAllValues".equals(set)) {
            // true for an absent or empty key: the documented reason to pair it with a Null check
            return absent || values.stream().allMatch(v -> valueMatches(plain, v, policyValues, ctx));
        }
        if ("ForAnyValue".equals(set)) {
            return !absent && values.stream().anyMatch(v -> valueMatches(plain, v, policyValues, ctx));
        }
        if (set != null) {
            return false; // an unknown set operator: fail closed
        }
        if (absent) {
            return ifExists || negated;
        }
        return values.stream().anyMatch(v -> valueMatches(plain, v, policyValues, ctx));
    }

    /** Whether one request value satisfies the operator against the policy's values (ORed). */
    private static boolean valueMatches(
            String op, String value, List<String> policyValues, Map<String, List<String>> ctx) {
        List<String> resolved =
                policyValues.stream().map(v -> substitute(v, ctx, false)).toList();
        return switch (op) {
            case "StringEquals" -> resolved.stream().anyMatch(value::equals);
            case "StringNotEquals" -> resolved.stream().noneMatch(value::equals);
            case "StringEqualsIgnoreCase" -> resolved.stream().anyMatch(p -> p != null && p.equalsIgnoreCase(value));
            case "StringNotEqualsIgnoreCase" ->
                resolved.stream().noneMatch(p -> p != null && p.equalsIgnoreCase(value));
            case "StringLike" -> resolved.stream().anyMatch(p -> p != null && like(p, value, false));
            case "StringNotLike" -> resolved.stream().noneMatch(p -> p != null && like(p, value, false));
            default -> false; // unknown operator: fail closed
        };
    }

    /**
     * Replaces policy variables. In a resource, {@code *} and {@code ?} stay wildcards; the special variables
     * {@code ${*}}, {@code ${?}}, {@code ${$}} stand for the literal characters.
     *
     * @return the substituted text, or null when a variable's key is absent
     */
    static String substitute(String text, Map<String, List<String>> ctx, boolean resource) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            switch (name) {
                case "*" -> replacement = "\u0001";
                case "?" -> replacement = "\u0002";
                case "$" -> replacement = "$";
                default -> {
                    List<String> v = ctx.get(name.toLowerCase(Locale.ROOT));
                    if (v == null || v.size() != 1) {
                        return null;
                    }
                    // a tag value is literal: its own * or ? must not act as wildcards
                    replacement = v.get(0).replace('*', '\u0001').replace('?', '\u0002');
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Glob match with {@code *} and {@code ?}; \u0001 and \u0002 are literal {@code *} and {@code ?}. */
    public static boolean like(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int pi = 0;
        int vi = 0;
        int star = -1;
        int mark = 0;
        while (vi < v.length()) {
            char pc = pi < p.length() ? p.charAt(pi) : 0;
            // '*' first: a wildcard facing a literal '*' in the value must still be able to match more than it
            // (found by PolicyEvaluatorFuzzTest: like("*", "*b") was false).
            if (pi < p.length() && pc == '*') {
                star = pi++;
                mark = vi;
            } else if (pi < p.length() && (pc == '?' || literal(pc) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    private static char literal(char c) {
        return c == '\u0001' ? '*' : c == '\u0002' ? '?' : c;
    }
}
