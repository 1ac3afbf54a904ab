/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.TenantBoundaryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A parser for DynamoDB's expression languages (update, condition, key condition, filter and projection
 * expressions), precise enough for the guard to know which attribute every value placeholder is compared with or
 * assigned to. Attribute name placeholders ({@code #n}) are resolved against the request's
 * {@code ExpressionAttributeNames} while parsing, so a path always carries the real top-level attribute name.
 *
 * <p>It accepts the grammar DynamoDB documents (and the Enhanced Client and its extensions emit) and nothing else:
 * any character, token or shape outside it is a {@link TenantBoundaryException}, so an expression the guard does
 * not understand is never sent. Keywords and function names are matched case-insensitively (refusing a spelling
 * DynamoDB would reject costs nothing; accepting one the guard misreads would).
 */
final class Expressions {

    /** An operand: a document path, a value placeholder, a function call, or {@code a + b} / {@code a - b}. */
    sealed interface Operand permits Path, Value, Call, Arithmetic {}

    /**
     * A document path.
     *
     * @param attribute the top-level attribute name, aliases resolved
     * @param nested whether the path goes below the top-level attribute ({@code a.b}, {@code a[0]})
     */
    record Path(String attribute, boolean nested) implements Operand {}

    /**
     * A value placeholder.
     *
     * @param placeholder such as {@code :v}
     */
    record Value(String placeholder) implements Operand {}

    /**
     * A function call.
     *
     * @param function the function name, lower case
     * @param arguments its arguments
     */
    record Call(String function, List<Operand> arguments) implements Operand {}

    /**
     * {@code left + right} or {@code left - right} (update expressions only).
     *
     * @param left the left operand
     * @param right the right operand
     */
    record Arithmetic(Operand left, Operand right) implements Operand {}

    /** A condition: a comparison, a condition function, or a logical combination. */
    sealed interface Condition permits Comparison, FunctionCondition, Logical {}

    /**
     * A comparison: {@code =}, {@code <>}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code BETWEEN} or
     * {@code IN}, with every operand it relates.
     *
     * @param operator the operator, upper case
     * @param operands the operands, left first
     */
    record Comparison(String operator, List<Operand> operands) implements Condition {}

    /**
     * A condition function such as {@code attribute_exists(a)} or {@code begins_with(a, :p)}.
     *
     * @param call the call
     */
    record FunctionCondition(Call call) implements Condition {}

    /**
     * {@code AND}, {@code OR} (two or more parts) or {@code NOT} (one part).
     *
     * @param operator the operator, upper case
     * @param parts the parts
     */
    record Logical(String operator, List<Condition> parts) implements Condition {}

    /**
     * One action of an update expression.
     *
     * @param clause {@code SET}, {@code REMOVE}, {@code ADD} or {@code DELETE}
     * @param path the path it changes
     * @param value the value ({@code SET}, {@code ADD}, {@code DELETE}), or null for {@code REMOVE}
     */
    record Action(String clause, Path path, @Nullable Operand value) {}

    private static final Set<String> CLAUSES = Set.of("SET", "REMOVE", "ADD", "DELETE");
    private static final Set<String> CONDITION_WORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");
    private static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");

    private enum Kind {
        WORD,
        NAME_ALIAS,
        VALUE,
        NUMBER,
        SYMBOL,
        END
    }

    private record Token(Kind kind, String text) {
        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }
    }

    private final List<Token> tokens;
    private final Map<String, String> names;
    private final String what;
    private int at;

    private Expressions(String expression, Map<String, String> names, String what) {
        this.tokens = tokenize(expression, what);
        this.names = names;
        this.what = what;
    }

    /**
     * Parses an update expression.
     *
     * @param expression the expression
     * @param names the request's attribute name placeholders
     * @return its actions
     * @throws TenantBoundaryException when the expression is outside the grammar
     */
    static List<Action> update(String expression, Map<String, String> names) {
        Expressions p = new Expressions(expression, names, "update expression");
        List<Action> actions = new ArrayList<>();
        if (p.peek().kind == Kind.END) {
            throw p.refuse("is empty");
        }
        while (p.peek().kind != Kind.END) {
            Token clause = p.next();
            String c = clause.kind == Kind.WORD ? clause.text.toUpperCase(Locale.ROOT) : "";
            if (!CLAUSES.contains(c)) {
                throw p.refuse("has '" + clause.text + "' where SET, REMOVE, ADD or DELETE was expected");
            }
            do {
                Path path = p.path();
                Operand value = null;
                switch (c) {
                    case "SET" -> {
                        p.expect("=");
                        value = p.operand();
                        if (p.peek().is("+") || p.peek().is("-")) {
                            p.next();
                            value = new Arithmetic(value, p.operand());
                        }
                    }
                    case "ADD", "DELETE" -> value = p.operand();
                    default -> {
                        // REMOVE takes a path only
                    }
                }
                actions.add(new Action(c, path, value));
            } while (p.accept(","));
        }
        return List.copyOf(actions);
    }

    /**
     * Parses a condition, filter or key condition expression.
     *
     * @param expression the expression
     * @param names the request's attribute name placeholders
     * @param what the expression's role, for messages
     * @return the condition
     * @throws TenantBoundaryException when the expression is outside the grammar
     */
    static Condition condition(String expression, Map<String, String> names, String what) {
        Expressions p = new Expressions(expression, names, what);
        Condition c = p.or();
        if (p.peek().kind != Kind.END) {
            throw p.refuse("has unexpected '" + p.peek().text + "'");
        }
        return c;
    }

    /**
     * Parses a projection expression.
     *
     * @param expression the expression
     * @param names the request's attribute name placeholders
     * @return its paths
     * @throws TenantBoundaryException when the expression is outside the grammar
     */
    static List<Path> projection(String expression, Map<String, String> names) {
        Expressions p = new Expressions(expression, names, "projection expression");
        List<Path> paths = new ArrayList<>();
        do {
            paths.add(p.path());
        } while (p.accept(","));
        if (p.peek().kind != Kind.END) {
            throw p.refuse("has unexpected '" + p.peek().text + "'");
        }
        return List.copyOf(paths);
    }

    // ------------------------------------------------------------------------------------------ conditions

    private Condition or() {
        List<Condition> parts = new ArrayList<>(List.of(and()));
        while (peek().isWord("OR")) {
            next();
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Logical("OR", List.copyOf(parts));
    }

    private Condition and() {
        List<Condition> parts = new ArrayList<>(List.of(not()));
        while (peek().isWord("AND")) {
            next();
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new Logical("AND", List.copyOf(parts));
    }

    private Condition not() {
        if (peek().isWord("NOT")) {
            next();
            return new Logical("NOT", List.of(not()));
        }
        if (accept("(")) {
            Condition inner = or();
            expect(")");
            return inner;
        }
        return predicate();
    }

    private Condition predicate() {
        Operand left = operand();
        Token t = peek();
        if (t.kind == Kind.SYMBOL && COMPARATORS.contains(t.text)) {
            next();
            return new Comparison(t.text, List.of(left, operand()));
        }
        if (t.isWord("BETWEEN")) {
            next();
            Operand low = operand();
            if (!peek().isWord("AND")) {
                throw refuse("has BETWEEN without AND");
            }
            next();
            return new Comparison("BETWEEN", List.of(left, low, operand()));
        }
        if (t.isWord("IN")) {
            next();
            expect("(");
            List<Operand> operands = new ArrayList<>(List.of(left));
            do {
                operands.add(operand());
            } while (accept(","));
            expect(")");
            return new Comparison("IN", List.copyOf(operands));
        }
        if (left instanceof Call call) {
            return new FunctionCondition(call);
        }
        throw refuse("has an operand that is not compared with anything");
    }

    // ------------------------------------------------------------------------------------------ operands

    private Operand operand() {
        Token t = peek();
        if (t.kind == Kind.VALUE) {
            next();
            return new Value(t.text);
        }
        if (t.kind == Kind.WORD && tokens.get(at + 1).is("(")) {
            next();
            next();
            List<Operand> arguments = new ArrayList<>();
            if (!peek().is(")")) {
                do {
                    arguments.add(operand());
                } while (accept(","));
            }
            expect(")");
            return new Call(t.text.toLowerCase(Locale.ROOT), List.copyOf(arguments));
        }
        return path();
    }

    private Path path() {
        String attribute = name(next());
        boolean nested = false;
        while (true) {
            if (accept(".")) {
                name(next());
                nested = true;
            } else if (accept("[")) {
                if (next().kind != Kind.NUMBER) {
                    throw refuse("has a list index that is not a number");
                }
                expect("]");
                nested = true;
            } else {
                return new Path(attribute, nested);
            }
        }
    }

    private String name(Token t) {
        if (t.kind == Kind.NAME_ALIAS) {
            String resolved = names.get(t.text);
            if (resolved == null) {
                throw refuse("uses name placeholder '" + t.text + "' that ExpressionAttributeNames does not define");
            }
            return resolved;
        }
        if (t.kind == Kind.WORD
                && !CLAUSES.contains(t.text.toUpperCase(Locale.ROOT))
                && !CONDITION_WORDS.contains(t.text.toUpperCase(Locale.ROOT))) {
            return t.text;
        }
        throw refuse(
                t.kind == Kind.END
                        ? "ends where an attribute was expected"
                        : "has '" + t.text + "' where an attribute was expected");
    }

    // ------------------------------------------------------------------------------------------ tokens

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind != Kind.END) {
            at++;
        }
        return t;
    }

    private boolean accept(String symbol) {
        if (peek().is(symbol)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            throw refuse(
                    peek().kind == Kind.END
                            ? "ends where '" + symbol + "' was expected"
                            : "has '" + peek().text + "' where '" + symbol + "' was expected");
        }
    }

    private TenantBoundaryException refuse(String problem) {
        return refuse(what, problem);
    }

    private static TenantBoundaryException refuse(String what, String problem) {
        return new TenantBoundaryException("The " + what + " " + problem + "; tenant-client sends only expressions it"
                + " can check against the tenant boundary");
    }

    private static List<Token> tokenize(String s, String what) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (c == '#' || c == ':') {
                int end = word(s, i + 1);
                if (end == i + 1) {
                    throw refuse(what, "has a '" + c + "' without a placeholder name");
                }
                out.add(new Token(c == '#' ? Kind.NAME_ALIAS : Kind.VALUE, s.substring(i, end)));
                i = end;
            } else if (c >= '0' && c <= '9') {
                int end = i;
                while (end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
                    end++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, end)));
                i = end;
            } else if (isWordStart(c)) {
                int end = word(s, i);
                out.add(new Token(Kind.WORD, s.substring(i, end)));
                i = end;
            } else if ((c == '<' || c == '>') && i + 1 < s.length() && s.charAt(i + 1) == '=') {
                out.add(new Token(Kind.SYMBOL, s.substring(i, i + 2)));
                i += 2;
            } else if (c == '<' && i + 1 < s.length() && s.charAt(i + 1) == '>') {
                out.add(new Token(Kind.SYMBOL, "<>"));
                i += 2;
            } else if ("()[],.=<>+-".indexOf(c) >= 0) {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            } else {
                throw refuse(what, "has a character outside DynamoDB's expression syntax at index " + i);
            }
        }
        out.add(new Token(Kind.END, ""));
        out.add(new Token(Kind.END, ""));
        return out;
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static int word(String s, int from) {
        int end = from;
        while (end < s.length()) {
            char c = s.charAt(end);
            if (!isWordStart(c) && !(c >= '0' && c <= '9')) {
                break;
            }
            end++;
        }
        return end;
    }
}
