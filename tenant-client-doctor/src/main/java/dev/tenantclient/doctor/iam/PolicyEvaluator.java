/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor.iam;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;
import software.amazon.awssdk.policybuilder.iam.IamValue;

/**
 * Evaluates identity-based IAM policies for one request, as the IAM User Guide documents it:
 *
 * <ul>
 *   <li>Decision: an explicit {@code Deny} wins; otherwise any matching {@code Allow}; otherwise implicit deny
 *       ("Policy evaluation logic").
 *   <li>{@code Action}/{@code NotAction}: case-insensitive, {@code *} and {@code ?} wildcards.
 *       {@code Resource}/{@code NotResource}: case-sensitive, same wildcards.
 *   <li>Policy variables {@code ${key}} and {@code ${key, 'default'}} in resources and in the values of
 *       {@code String*} and {@code Arn*} conditions; {@code ${*}}, {@code ${?}}, {@code ${$}} are the literal
 *       characters. A substituted value is literal text: a tag value's own {@code *} or {@code ?} is never a
 *       wildcard, under any operator. A variable whose key is absent (and has no default) matches nothing; an empty
 *       value substitutes as empty text, as a present key.
 *   <li>Every documented condition operator (see {@link #OPERATORS}), with {@code IfExists} (not on {@code Null}) and
 *       the {@code ForAllValues:}/{@code ForAnyValue:} set qualifiers. Values of one key are ORed, keys and operators
 *       are ANDed. An absent key makes a positive operator false and a negated one ({@code ...Not...},
 *       {@code NotIpAddress}) true; {@code ForAllValues:} is true and {@code ForAnyValue:} false for an absent or empty
 *       key ("Single-valued vs. multivalued context keys").
 * </ul>
 *
 * <p><b>What it cannot evaluate it says so</b>: an unknown operator or qualifier, a policy value the operator cannot
 * parse (a number, date or address), or, in {@linkplain #evaluatePartially partial evaluation}, a key the caller does
 * not know the value of, makes that condition <em>unknown</em>. The {@link Decision} then reads it the safe way for
 * enforcement — an unknown {@code Allow} does not allow, an unknown {@code Deny} denies ({@link Decision#allowed()}) —
 * and also the permissive way ({@link Decision#possiblyAllowed()}), and names what it could not evaluate
 * ({@link Decision#unevaluated()}). Thread-safe.
 */
public final class PolicyEvaluator {

    /** The condition operators evaluated (each also with {@code IfExists}, except {@code Null}). */
    public static final Set<String> OPERATORS = Set.of(
            "StringEquals",
            "StringNotEquals",
            "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase",
            "StringLike",
            "StringNotLike",
            "NumericEquals",
            "NumericNotEquals",
            "NumericLessThan",
            "NumericLessThanEquals",
            "NumericGreaterThan",
            "NumericGreaterThanEquals",
            "DateEquals",
            "DateNotEquals",
            "DateLessThan",
            "DateLessThanEquals",
            "DateGreaterThan",
            "DateGreaterThanEquals",
            "Bool",
            "BinaryEquals",
            "IpAddress",
            "NotIpAddress",
            "ArnEquals",
            "ArnLike",
            "ArnNotEquals",
            "ArnNotLike",
            "Null");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern DEFAULTED = Pattern.compile("\\s*([^,]*?)\\s*,\\s*'([^']*)'\\s*");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");

    /** The outcome of an evaluation. */
    public enum Effect {
        /** A statement allowed it and none denied it. */
        ALLOW,
        /** A statement denied it. */
        EXPLICIT_DENY,
        /** No statement allowed it. */
        IMPLICIT_DENY
    }

    /** Three-valued truth: a condition can be known true, known false, or not evaluable. */
    private enum Truth {
        TRUE,
        FALSE,
        UNKNOWN;

        static Truth of(boolean b) {
            return b ? TRUE : FALSE;
        }

        Truth and(Truth other) {
            if (this == FALSE || other == FALSE) {
                return FALSE;
            }
            return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : TRUE;
        }

        Truth not() {
            return this == TRUE ? FALSE : this == FALSE ? TRUE : UNKNOWN;
        }
    }

    /**
     * A decision and the statement that made it.
     *
     * @param effect the outcome, reading every condition that could not be evaluated the safe way (an {@code Allow}
     *     it guards does not apply, a {@code Deny} it guards does)
     * @param statement the deciding statement's Sid (or index), or null for an implicit deny
     * @param possiblyAllowed whether the request is allowed when every condition that could not be evaluated is read
     *     the permissive way (an {@code Allow} applies, a {@code Deny} does not)
     * @param unevaluated the conditions that could not be evaluated, each as "operator key in statement"; empty when
     *     the decision is certain
     */
    public record Decision(
            Effect effect, @Nullable String statement, boolean possiblyAllowed, List<String> unevaluated) {

        /**
         * Copies the list.
         *
         * @param effect the outcome
         * @param statement the deciding statement, or null
         * @param possiblyAllowed whether the request is allowed on the permissive reading
         * @param unevaluated the conditions that could not be evaluated
         */
        public Decision {
            unevaluated = List.copyOf(unevaluated);
        }

        /**
         * A certain decision.
         *
         * @param effect the outcome
         * @param statement the deciding statement, or null
         */
        public Decision(Effect effect, @Nullable String statement) {
            this(effect, statement, effect == Effect.ALLOW, List.of());
        }

        /** @return whether the request is allowed (conditions that could not be evaluated read the safe way) */
        public boolean allowed() {
            return effect == Effect.ALLOW;
        }

        /** @return whether the decision depends on conditions that could not be evaluated */
        public boolean uncertain() {
            return !unevaluated.isEmpty();
        }

        /** @return a reason for a denial, as IAM phrases it */
        public String reason() {
            String base = switch (effect) {
                case ALLOW -> "allowed by " + statement;
                case EXPLICIT_DENY -> "an explicit deny in " + statement;
                case IMPLICIT_DENY -> "no identity-based policy allows the action";
            };
            return unevaluated.isEmpty() ? base : base + " (could not evaluate " + String.join(", ", unevaluated) + ")";
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
     * Evaluates one request whose context is complete: a key absent from {@code context} (and from the principal
     * tags) is absent from the request, as in a real request AWS evaluates.
     *
     * @param action such as {@code dynamodb:GetItem}
     * @param resource the resource ARN
     * @param context request condition keys to values (an absent key is absent from the map)
     * @param principalTags the session's principal tags
     * @return the decision
     */
    public Decision evaluate(
            String action, String resource, Map<String, List<String>> context, Map<String, String> principalTags) {
        return run(action, resource, context, principalTags, null);
    }

    /**
     * Evaluates a hypothetical request of which only some keys are known: those in {@code context}, the principal
     * tags, and {@code knownAbsent}; any other key (such as {@code aws:SecureTransport}, {@code aws:CurrentTime},
     * {@code aws:SourceIp}) may be present with any value, so a condition on it is unknown.
     *
     * @param action such as {@code dynamodb:Scan}
     * @param resource the resource ARN
     * @param context the known keys' values
     * @param principalTags the session's principal tags (a tag not listed is unknown, not absent)
     * @param knownAbsent keys known to be absent from the request
     * @return the decision
     */
    public Decision evaluatePartially(
            String action,
            String resource,
            Map<String, List<String>> context,
            Map<String, String> principalTags,
            Set<String> knownAbsent) {
        Set<String> known = new java.util.HashSet<>();
        knownAbsent.forEach(k -> known.add(k.toLowerCase(Locale.ROOT)));
        context.keySet().forEach(k -> known.add(k.toLowerCase(Locale.ROOT)));
        principalTags.keySet().forEach(k -> known.add("aws:principaltag/" + k.toLowerCase(Locale.ROOT)));
        return run(action, resource, context, principalTags, known);
    }

    private Decision run(
            String action,
            String resource,
            Map<String, List<String>> context,
            Map<String, String> principalTags,
            @Nullable Set<String> known) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Map<String, List<String>> ctx = new LinkedHashMap<>();
        context.forEach((k, v) -> ctx.put(k.toLowerCase(Locale.ROOT), v));
        principalTags.forEach((k, v) -> ctx.putIfAbsent("aws:principaltag/" + k.toLowerCase(Locale.ROOT), List.of(v)));
        Evaluation ev = new Evaluation(ctx, known);
        String strictAllow = null;
        String strictDeny = null;
        String certainDeny = null;
        boolean possibleAllow = false;
        for (IamPolicy policy : policies) {
            int index = 0;
            for (IamStatement statement : policy.statements()) {
                String name = statement.sid() != null ? statement.sid() : "statement " + index;
                index++;
                Truth t = ev.matches(statement, name, action, resource);
                if (t == Truth.FALSE) {
                    continue;
                }
                if (IamEffect.DENY.equals(statement.effect())) {
                    if (strictDeny == null) {
                        strictDeny = name;
                    }
                    if (t == Truth.TRUE && certainDeny == null) {
                        certainDeny = name;
                    }
                } else {
                    possibleAllow = true;
                    if (t == Truth.TRUE && strictAllow == null) {
                        strictAllow = name;
                    }
                }
            }
        }
        boolean possiblyAllowed = certainDeny == null && possibleAllow;
        if (strictDeny != null) {
            return new Decision(Effect.EXPLICIT_DENY, strictDeny, possiblyAllowed, ev.unevaluated);
        }
        if (strictAllow != null) {
            return new Decision(Effect.ALLOW, strictAllow, possiblyAllowed, ev.unevaluated);
        }
        return new Decision(Effect.IMPLICIT_DENY, null, possiblyAllowed, ev.unevaluated);
    }

    /** One evaluation: the context, which keys are known, and what could not be evaluated. */
    private static final class Evaluation {
        private final Map<String, List<String>> ctx;
        private final @Nullable Set<String> known;
        private final List<String> unevaluated = new ArrayList<>();

        Evaluation(Map<String, List<String>> ctx, @Nullable Set<String> known) {
            this.ctx = ctx;
            this.known = known;
        }

        Truth matches(IamStatement s, String name, String action, String resource) {
            boolean actionMatches = s.actions().isEmpty()
                    ? !s.notActions().isEmpty() && s.notActions().stream().noneMatch(a -> like(a.value(), action, true))
                    : s.actions().stream().anyMatch(a -> like(a.value(), action, true));
            if (!actionMatches) {
                return Truth.FALSE;
            }
            boolean resourceMatches = s.resources().isEmpty()
                    ? !s.notResources().isEmpty() && s.notResources().stream().noneMatch(r -> resourceLike(r, resource))
                    : s.resources().stream().anyMatch(r -> resourceLike(r, resource));
            if (!resourceMatches) {
                return Truth.FALSE;
            }
            Map<String, List<String>> blocks = new LinkedHashMap<>();
            for (IamCondition c : s.conditions()) {
                blocks.computeIfAbsent(c.operator().value() + "\u0000" + c.key().value(), k -> new ArrayList<>())
                        .add(c.value());
            }
            Truth all = Truth.TRUE;
            List<String> unknownHere = new ArrayList<>();
            for (Map.Entry<String, List<String>> block : blocks.entrySet()) {
                String[] opKey = block.getKey().split("\u0000", 2);
                Truth t = holds(opKey[0], opKey[1], block.getValue());
                if (t == Truth.UNKNOWN) {
                    unknownHere.add(opKey[0] + " " + opKey[1] + " in " + name);
                }
                all = all.and(t);
            }
            if (all == Truth.UNKNOWN) {
                unevaluated.addAll(unknownHere);
            }
            return all;
        }

        private boolean resourceLike(IamValue pattern, String resource) {
            String p = substitute(pattern.value(), ctx);
            return p != null && glob(p, resource, false);
        }

        private Truth holds(String operator, String key, List<String> policyValues) {
            String op = operator;
            String set = null;
            int colon = op.indexOf(':');
            if (colon > 0) {
                set = op.substring(0, colon);
                op = op.substring(colon + 1);
                if (!set.equals("ForAllValues") && !set.equals("ForAnyValue")) {
                    return Truth.UNKNOWN;
                }
            }
            boolean ifExists = op.endsWith("IfExists") && !op.equals("IfExists");
            if (ifExists) {
                op = op.substring(0, op.length() - "IfExists".length());
            }
            if (!OPERATORS.contains(op) || (ifExists && op.equals("Null")) || (set != null && op.equals("Null"))) {
                return Truth.UNKNOWN;
            }
            String lowerKey = key.toLowerCase(Locale.ROOT);
            List<String> values = ctx.get(lowerKey);
            boolean absent = values == null || values.isEmpty();
            List<String> present = values == null ? List.of() : values;
            if (absent && known != null && !known.contains(lowerKey)) {
                return Truth.UNKNOWN; // a key the caller cannot see might be present with any value
            }
            if (op.equals("Null")) {
                Truth any = Truth.FALSE;
                for (String v : policyValues) {
                    String b = v.toLowerCase(Locale.ROOT);
                    if (!b.equals("true") && !b.equals("false")) {
                        return Truth.UNKNOWN;
                    }
                    if (b.equals("true") == absent) {
                        any = Truth.TRUE;
                    }
                }
                return any;
            }
            boolean negated = op.contains("Not");
            String positive = negated ? op.replace("Not", "") : op;
            List<Object> parsed = new ArrayList<>();
            for (String v : policyValues) {
                Object p = parsePolicyValue(positive, v);
                if (p == null) {
                    return Truth.UNKNOWN; // a policy value the operator cannot read: never guess
                }
                parsed.add(p);
            }
            if (set != null) {
                if (absent) {
                    return Truth.of(set.equals("ForAllValues"));
                }
                boolean forAll = set.equals("ForAllValues");
                Truth result = Truth.of(forAll);
                for (String v : present) {
                    Truth one = anyPolicyValue(positive, v, parsed);
                    if (negated) {
                        one = one.not();
                    }
                    if (forAll) {
                        result = result.and(one);
                    } else if (one == Truth.TRUE) {
                        return Truth.TRUE;
                    } else if (one == Truth.UNKNOWN) {
                        result = Truth.UNKNOWN;
                    }
                }
                return result;
            }
            if (absent) {
                return Truth.of(ifExists || negated);
            }
            Truth any = Truth.FALSE;
            for (String v : present) {
                Truth one = anyPolicyValue(positive, v, parsed);
                if (one == Truth.TRUE) {
                    any = Truth.TRUE;
                    break;
                }
                if (one == Truth.UNKNOWN) {
                    any = Truth.UNKNOWN;
                }
            }
            return negated ? any.not() : any;
        }

        /** A policy value in the form the (positive) operator compares, or null when it cannot be read. */
        private @Nullable Object parsePolicyValue(String op, @Nullable String value) {
            if (value == null) {
                return null;
            }
            if (op.startsWith("String") || op.startsWith("Arn")) {
                String s = substitute(value, ctx);
                return s == null ? Unmatchable.INSTANCE : s;
            }
            if (op.startsWith("Numeric")) {
                return number(value);
            }
            if (op.startsWith("Date")) {
                return date(value);
            }
            if (op.equals("Bool")) {
                String b = value.toLowerCase(Locale.ROOT);
                return b.equals("true") || b.equals("false") ? b : null;
            }
            if (op.equals("BinaryEquals")) {
                return binary(value);
            }
            if (op.equals("IpAddress")) {
                return Cidr.parse(value);
            }
            return null;
        }

        private static Truth anyPolicyValue(String op, String value, List<Object> policyValues) {
            for (Object p : policyValues) {
                if (p != Unmatchable.INSTANCE && matchesOne(op, value, p)) {
                    return Truth.TRUE;
                }
            }
            return Truth.FALSE;
        }

        private static boolean matchesOne(String op, String value, Object p) {
            switch (op) {
                case "StringEquals" -> {
                    return unescape((String) p).equals(value);
                }
                case "StringEqualsIgnoreCase" -> {
                    return unescape((String) p).equalsIgnoreCase(value);
                }
                case "StringLike" -> {
                    return glob((String) p, value, false);
                }
                case "ArnEquals", "ArnLike" -> {
                    return arnLike((String) p, value);
                }
                case "Bool" -> {
                    return p.equals(value.toLowerCase(Locale.ROOT));
                }
                case "BinaryEquals" -> {
                    byte[] v = binary(value);
                    return v != null && java.util.Arrays.equals(v, (byte[]) p);
                }
                case "IpAddress" -> {
                    return ((Cidr) p).contains(value);
                }
                default -> {
                    // numbers and dates below
                }
            }
            if (op.startsWith("Numeric")) {
                BigDecimal v = number(value);
                if (v == null) {
                    return false;
                }
                int c = v.compareTo((BigDecimal) p);
                return compare(op.substring("Numeric".length()), c);
            }
            if (op.startsWith("Date")) {
                Instant v = date(value);
                if (v == null) {
                    return false;
                }
                int c = v.compareTo((Instant) p);
                return compare(op.substring("Date".length()), c);
            }
            return false;
        }

        private static boolean compare(String relation, int c) {
            return switch (relation) {
                case "Equals" -> c == 0;
                case "LessThan" -> c < 0;
                case "LessThanEquals" -> c <= 0;
                case "GreaterThan" -> c > 0;
                case "GreaterThanEquals" -> c >= 0;
                default -> false;
            };
        }
    }

    /** A policy value whose variable has no value: it matches nothing. */
    private enum Unmatchable {
        INSTANCE
    }

    /**
     * Replaces policy variables and returns an escaped glob: the policy's own {@code *} and {@code ?} stay
     * wildcards, while substituted text (tag values, {@code ${*}}, {@code ${?}}) is escaped with a backslash so that
     * it is literal, as is any backslash.
     *
     * @return the escaped pattern, or null when a variable's key is absent and has no default
     */
    static @Nullable String substitute(@Nullable String text, Map<String, List<String>> ctx) {
        if (text == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(escapePolicyText(text.substring(last, m.start())));
            last = m.end();
            String name = m.group(1);
            String replacement;
            switch (name) {
                case "*" -> replacement = "*";
                case "?" -> replacement = "?";
                case "$" -> replacement = "$";
                default -> {
                    String fallback = null;
                    Matcher d = DEFAULTED.matcher(name);
                    if (d.matches()) {
                        name = d.group(1);
                        fallback = d.group(2);
                    }
                    List<String> v = ctx.get(name.trim().toLowerCase(Locale.ROOT));
                    if (v == null || v.size() != 1) {
                        if (fallback == null) {
                            return null;
                        }
                        replacement = fallback;
                    } else {
                        replacement = v.get(0);
                    }
                }
            }
            out.append(escapeLiteral(replacement));
        }
        out.append(escapePolicyText(text.substring(last)));
        return out.toString();
    }

    private static String escapePolicyText(String s) {
        return s.replace("\\", "\\\\");
    }

    private static String escapeLiteral(String s) {
        StringBuilder out = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The literal text of an escaped pattern (its wildcards read as plain characters). */
    private static String unescape(String escaped) {
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                c = escaped.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Glob match of a policy pattern with {@code *} and {@code ?} (as in {@code Action}, {@code Resource} and
     * {@code StringLike}); every other character is literal.
     *
     * @param pattern the pattern, as written in a policy (no variables)
     * @param value the value
     * @param ignoreCase whether case is ignored (actions)
     * @return whether the value matches
     */
    public static boolean like(String pattern, String value, boolean ignoreCase) {
        return glob(escapePolicyText(pattern), value, ignoreCase);
    }

    /** Glob match on an escaped pattern: a backslash makes the next character literal. */
    private static boolean glob(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        // tokens: the pattern's characters, each flagged as a wildcard or literal
        int n = 0;
        char[] chars = new char[p.length()];
        boolean[] wild = new boolean[p.length()];
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                chars[n] = p.charAt(++i);
                wild[n++] = false;
            } else {
                chars[n] = c;
                wild[n++] = c == '*' || c == '?';
            }
        }
        int pi = 0;
        int vi = 0;
        int star = -1;
        int mark = 0;
        while (vi < v.length()) {
            if (pi < n && ((wild[pi] && chars[pi] == '?') || (!wild[pi] && chars[pi] == v.charAt(vi)))) {
                pi++;
                vi++;
            } else if (pi < n && wild[pi] && chars[pi] == '*') {
                star = pi++;
                mark = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < n && wild[pi] && chars[pi] == '*') {
            pi++;
        }
        return pi == n;
    }

    /** ArnEquals and ArnLike: each of the six colon-separated parts matched separately, with wildcards. */
    private static boolean arnLike(String pattern, String value) {
        String[] p = splitArn(pattern);
        String[] v = value.split(":", 6);
        if (p.length != 6 || v.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!glob(p[i], v[i], false)) {
                return false;
            }
        }
        return true;
    }

    /** Splits an escaped ARN pattern at unescaped colons into at most six parts. */
    private static String[] splitArn(String escaped) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                current.append(c).append(escaped.charAt(++i));
            } else if (c == ':' && parts.size() < 5) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts.toArray(String[]::new);
    }

    private static @Nullable BigDecimal number(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** IAM dates: ISO 8601 (date, or date and time with an offset) or epoch seconds. */
    private static @Nullable Instant date(String s) {
        String t = s.trim();
        try {
            if (t.matches("-?\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static byte @Nullable [] binary(String s) {
        try {
            return Base64.getDecoder().decode(s.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An IPv4 or IPv6 range in CIDR notation (a bare address is a /32 or /128). */
    @SuppressWarnings("ArrayRecordComponent") // private, compared by equals below, never exposed
    private record Cidr(byte[] network, int bits) {
        static @Nullable Cidr parse(String text) {
            String t = text.trim();
            int slash = t.indexOf('/');
            byte[] address = address(slash < 0 ? t : t.substring(0, slash));
            if (address == null) {
                return null;
            }
            int bits;
            try {
                bits = slash < 0 ? address.length * 8 : Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            return bits < 0 || bits > address.length * 8 ? null : new Cidr(address, bits);
        }

        boolean contains(String ip) {
            byte[] a = address(ip.trim());
            if (a == null || a.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /** Parses an IP literal only (never a host name: no lookups). */
        private static byte @Nullable [] address(String s) {
            if (s.isEmpty() || !IP_LITERAL.matcher(s).matches()) {
                return null;
            }
            if (!s.contains(":") && !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return null;
            }
            try {
                return InetAddress.getByName(s).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cidr c && c.bits == bits && java.util.Arrays.equals(c.network, network);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(network) + bits;
        }

        @Override
        public String toString() {
            return "Cidr{" + bits + "}";
        }
    }
}
