/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.internal.TenantValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where a tenant's data lives, and so what IAM must allow: the single source of truth for both boundaries.
 *
 * <p>A layout names the principal tags the Cognito identity pool maps from token claims, the shape of DynamoDB
 * partition keys, and the S3 folder. The wrappers ({@code TenantTable}, {@code TenantBucket}), the request guard
 * and the policy generator ({@code TenantPolicies}) all read the same layout, so the library's boundary and IAM's
 * can never drift apart.
 *
 * <pre>{@code
 * TenantLayout.org();   // tag org <- custom:org; partition key "acme#" + id; object key "acme/" + key
 * TenantLayout.user();  // tag username <- sub; partition key = the user's sub; object key "<sub>/" + key
 * TenantLayout.builder()
 *     .tag("org", "custom:org")
 *     .tag("username", "sub")
 *     .partitionKeyPrefix("{org}#")
 *     .objectKeyPrefix("{org}/{username}/")
 *     .build();
 * }</pre>
 *
 * <p>Templates name tags in braces. Every tag value must pass the tenant-value rules (non-empty, at most 128
 * characters, none of {@code * ? # / $ { } [ ]}, no whitespace or control characters), and each tag in a template
 * must be followed by a {@code #} or {@code /} separator (or end an exact partition key), so no tenant's prefix is a
 * prefix of another's. Immutable and thread-safe.
 */
public final class TenantLayout {

    private static final TenantLayout ORG = builder()
            .tag("org", "custom:org")
            .partitionKeyPrefix("{org}#")
            .objectKeyPrefix("{org}/")
            .build();

    private static final TenantLayout USER = builder()
            .tag("username", "sub")
            .partitionKeyEquals("{username}")
            .objectKeyPrefix("{username}/")
            .build();

    private final Map<String, String> tagClaims;
    private final String partitionKeyTemplate;
    private final boolean partitionKeyExact;
    private final String objectKeyPrefixTemplate;
    private final List<String> partitionKeyParts;
    private final List<String> objectKeyParts;

    private TenantLayout(Builder b) {
        this.tagClaims = Collections.unmodifiableMap(new LinkedHashMap<>(b.tagClaims));
        this.partitionKeyTemplate = Objects.requireNonNull(b.partitionKeyTemplate, "checked in build()");
        this.partitionKeyExact = b.partitionKeyExact;
        this.objectKeyPrefixTemplate = Objects.requireNonNull(b.objectKeyPrefixTemplate, "checked in build()");
        this.partitionKeyParts = parse("partition key", partitionKeyTemplate, tagClaims, !partitionKeyExact);
        this.objectKeyParts = parse("object key prefix", objectKeyPrefixTemplate, tagClaims, true);
    }

    /**
     * Seed 1, an organisation per tenant: tag {@code org} from claim {@code custom:org}; partition keys
     * {@code "<org>#" + id}; object keys {@code "<org>/" + key}.
     *
     * @return the org layout
     */
    public static TenantLayout org() {
        return ORG;
    }

    /**
     * Seed 2, each user their own tenant: tag {@code username} from claim {@code sub} (the identity pool's default
     * mapping); the partition key is exactly the user's {@code sub}; object keys {@code "<sub>/" + key}. Its folders
     * {@linkplain #overlaps(TenantLayout) overlap} those of {@link #org()}: never deploy both on one bucket.
     *
     * @return the user layout
     */
    public static TenantLayout user() {
        return USER;
    }

    /**
     * Starts a custom layout.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The principal tags the identity pool must map, tag name to claim name, in declaration order; this is the map
     * for Cognito's {@code SetPrincipalTagAttributeMap}.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> principalTags() {
        return tagClaims;
    }

    /**
     * The partition key template, such as {@code {org}#} or {@code {username}}.
     *
     * @return the template
     */
    public String partitionKeyTemplate() {
        return partitionKeyTemplate;
    }

    /**
     * Whether the partition key is exactly the rendered template (the application does not choose it) rather than
     * the rendered template followed by the application's id.
     *
     * @return true for an exact partition key, as in {@link #user()}
     */
    public boolean isPartitionKeyExact() {
        return partitionKeyExact;
    }

    /**
     * The object key prefix template, such as {@code {org}/}.
     *
     * @return the template, always ending with {@code /}
     */
    public String objectKeyPrefixTemplate() {
        return objectKeyPrefixTemplate;
    }

    /**
     * Reads a tenant from token claims: each principal tag from its claim, checked against the tenant-value rules.
     *
     * @param claims claim name to string value (other claims are ignored)
     * @return the tenant
     * @throws InvalidTenantTokenException with {@link Reason#INVALID_TENANT} when a tag's claim is missing or
     *     unsafe, or {@link Reason#MALFORMED} when {@code sub} is missing
     */
    public Tenant tenantFromClaims(Map<String, String> claims) {
        Objects.requireNonNull(claims, "claims");
        String subject = claims.get("sub");
        if (subject == null || subject.isEmpty()) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "Token has no 'sub' claim");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, String> tag : tagClaims.entrySet()) {
            tags.put(tag.getKey(), TenantValues.check(tag.getValue(), claims.get(tag.getValue())));
        }
        String org = tags.containsKey("org") ? tags.get("org") : subject;
        return new Tenant(org, subject, tags);
    }

    /**
     * The tenant's partition key prefix, such as {@code acme#}; for an exact layout, the whole partition key.
     *
     * @param tenant the tenant
     * @return the rendered template
     */
    public String partitionKeyPrefix(Tenant tenant) {
        return render(partitionKeyParts, tenant::tag);
    }

    /**
     * The tenant's object key prefix (its folder), such as {@code acme/}.
     *
     * @param tenant the tenant
     * @return the rendered template, ending with {@code /}
     */
    public String objectKeyPrefix(Tenant tenant) {
        return render(objectKeyParts, tenant::tag);
    }

    /**
     * The partition key pattern IAM matches {@code dynamodb:LeadingKeys} against, with policy variables, such as
     * {@code ${aws:PrincipalTag/org}#*} ({@code StringLike}) or {@code ${aws:PrincipalTag/username}}
     * ({@code StringEquals}, when {@link #isPartitionKeyExact()}).
     *
     * @return the pattern
     */
    public String iamLeadingKeyPattern() {
        String rendered = render(partitionKeyParts, TenantLayout::policyVariable);
        return partitionKeyExact ? rendered : rendered + "*";
    }

    /**
     * The S3 folder with policy variables, such as {@code ${aws:PrincipalTag/org}/}.
     *
     * @return the folder, ending with {@code /}
     */
    public String iamObjectKeyPrefix() {
        return render(objectKeyParts, TenantLayout::policyVariable);
    }

    /**
     * Whether a tenant of this layout could address a key of a tenant of the other layout, or the reverse, if both
     * used one table (partition keys) or one bucket (object keys). IAM evaluates each layout's statement on its own,
     * so two overlapping layouts on one table or bucket let, for example, an org named like a user's {@code sub}
     * reach that user's folder. Layouts that share a table or bucket must not overlap; an equal layout does not
     * overlap itself (its tenants are kept apart by the separators). {@code LocalTenantStack} refuses overlapping
     * layouts and {@code TenantDoctor} reports them ({@code layouts.overlap}).
     *
     * <p>The answer over-approximates: it treats a tenant value as any non-empty text without {@code #} or
     * {@code /}, so it may report an overlap that the other tenant-value rules would in fact prevent, never the
     * reverse.
     *
     * @param other another layout
     * @return whether their partition keys or their object keys can coincide
     */
    public boolean overlaps(TenantLayout other) {
        Objects.requireNonNull(other, "other");
        if (equals(other)) {
            return false;
        }
        return KeySpace.intersect(
                        KeySpace.of(partitionKeyParts, !partitionKeyExact),
                        KeySpace.of(other.partitionKeyParts, !other.partitionKeyExact))
                || KeySpace.intersect(KeySpace.of(objectKeyParts, true), KeySpace.of(other.objectKeyParts, true));
    }

    /**
     * The keys a template can render, as a pattern of literal characters, tenant values (one or more characters
     * without a separator) and, for prefixes, any tail; two patterns intersect when some text matches both.
     */
    private static final class KeySpace {
        private static final int VALUE = -1;
        private static final int TAIL = -2;

        private final int[] elements;

        private KeySpace(int[] elements) {
            this.elements = elements;
        }

        static KeySpace of(List<String> parts, boolean prefix) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                if (i % 2 == 0) {
                    parts.get(i).chars().forEach(out::add);
                } else {
                    out.add(VALUE);
                }
            }
            if (prefix) {
                out.add(TAIL);
            }
            return new KeySpace(out.stream().mapToInt(Integer::intValue).toArray());
        }

        /** A breadth-first walk of both patterns reading the same characters; states are (position, in a value). */
        static boolean intersect(KeySpace a, KeySpace b) {
            java.util.Set<Character> alphabet = new java.util.TreeSet<>();
            for (int e : a.elements) {
                if (e >= 0) {
                    alphabet.add((char) e);
                }
            }
            for (int e : b.elements) {
                if (e >= 0) {
                    alphabet.add((char) e);
                }
            }
            char fresh = 'a';
            while (alphabet.contains(fresh)) {
                fresh++;
            }
            alphabet.add(fresh);
            java.util.Deque<int[]> queue = new java.util.ArrayDeque<>();
            java.util.Set<List<Integer>> seen = new java.util.HashSet<>();
            queue.add(new int[] {0, 0, 0, 0});
            while (!queue.isEmpty()) {
                int[] state = queue.poll();
                for (int[] closed : a.closure(state[0], state[1])) {
                    for (int[] otherClosed : b.closure(state[2], state[3])) {
                        if (a.accepts(closed[0]) && b.accepts(otherClosed[0])) {
                            return true;
                        }
                        for (char c : alphabet) {
                            int[] na = a.step(closed[0], c);
                            int[] nb = b.step(otherClosed[0], c);
                            if (na != null && nb != null && seen.add(List.of(na[0], na[1], nb[0], nb[1]))) {
                                queue.add(new int[] {na[0], na[1], nb[0], nb[1]});
                            }
                        }
                    }
                }
            }
            return false;
        }

        /** The state itself and, after at least one character of a value, the position past that value. */
        private List<int[]> closure(int position, int inValue) {
            List<int[]> states = new ArrayList<>();
            states.add(new int[] {position, inValue});
            if (inValue == 1) {
                states.add(new int[] {position + 1, 0});
            }
            return states;
        }

        private boolean accepts(int position) {
            return position == elements.length || elements[position] == TAIL;
        }

        private int @Nullable [] step(int position, char c) {
            if (position >= elements.length) {
                return null;
            }
            int e = elements[position];
            if (e == TAIL) {
                return new int[] {position, 0};
            }
            if (e == VALUE) {
                return c == '#' || c == '/' ? null : new int[] {position, 1};
            }
            return e == c ? new int[] {position + 1, 0} : null;
        }
    }

    private static String policyVariable(String tag) {
        return "${aws:PrincipalTag/" + tag + "}";
    }

    /** Parts alternate literal, tag, literal, ...: even indexes are literals, odd indexes are tag names. */
    private static String render(List<String> parts, Function<String, String> tagValue) {
        StringBuilder out = new StringBuilder(32);
        for (int i = 0; i < parts.size(); i++) {
            out.append(i % 2 == 0 ? parts.get(i) : tagValue.apply(parts.get(i)));
        }
        return out.toString();
    }

    private static List<String> parse(
            String what, String template, Map<String, String> tags, boolean separatorAfterEveryTag) {
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException(what + " template '" + template + "' has an unclosed '{'");
                }
                String tag = template.substring(i + 1, close);
                if (!tags.containsKey(tag)) {
                    throw new IllegalArgumentException(what + " template '" + template + "' names tag '" + tag
                            + "', which the layout does not declare; declare it with tag(\"" + tag + "\", claimName)");
                }
                if (!parts.isEmpty() && literal.length() == 0) {
                    throw new IllegalArgumentException(what + " template '" + template
                            + "' puts two tags side by side; separate them with '#' or '/'");
                }
                parts.add(literal.toString());
                parts.add(tag);
                literal.setLength(0);
                i = close + 1;
                boolean atEnd = i == template.length();
                boolean separated = !atEnd && (template.charAt(i) == '#' || template.charAt(i) == '/');
                if (!separated && (separatorAfterEveryTag || !atEnd)) {
                    throw new IllegalArgumentException(what + " template '" + template + "' must follow {" + tag
                            + "} with '#' or '/', characters tenant values cannot contain, so that no tenant's prefix is"
                            + " also the start of another's");
                }
            } else {
                if ("}*?$[]".indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)) {
                    throw new IllegalArgumentException(what + " template '" + template + "' contains '" + c
                            + "', which IAM would read as a wildcard or variable");
                }
                literal.append(c);
                i++;
            }
        }
        parts.add(literal.toString());
        if (parts.size() < 3) {
            throw new IllegalArgumentException(
                    what + " template '" + template + "' names no tag; it must contain at least one, such as {org}");
        }
        if (!parts.get(0).isEmpty() && parts.get(0).startsWith("/")) {
            throw new IllegalArgumentException(what + " template '" + template + "' must not start with '/'");
        }
        return List.copyOf(parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantLayout other
                && tagClaims.equals(other.tagClaims)
                && partitionKeyTemplate.equals(other.partitionKeyTemplate)
                && partitionKeyExact == other.partitionKeyExact
                && objectKeyPrefixTemplate.equals(other.objectKeyPrefixTemplate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tagClaims, partitionKeyTemplate, partitionKeyExact, objectKeyPrefixTemplate);
    }

    @Override
    public String toString() {
        return "TenantLayout{tags=" + tagClaims + ", partitionKey=" + partitionKeyTemplate
                + (partitionKeyExact ? " (exact)" : " + id") + ", objectKeyPrefix=" + objectKeyPrefixTemplate + "}";
    }

    /** Builds a {@link TenantLayout}; {@link #build()} validates the whole layout. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> tagClaims = new LinkedHashMap<>();
        private @Nullable String partitionKeyTemplate;
        private boolean partitionKeyExact;
        private @Nullable String objectKeyPrefixTemplate;

        private Builder() {}

        /**
         * Declares a principal tag and the token claim the identity pool maps to it.
         *
         * @param tagName the tag, as in {@code ${aws:PrincipalTag/<tagName>}}; 1 to 128 characters of letters,
         *     digits and {@code _ . : = + - @}
         * @param claimName the user-pool claim, such as {@code custom:org} or {@code sub}
         * @return this builder
         */
        public Builder tag(String tagName, String claimName) {
            Objects.requireNonNull(tagName, "tagName");
            Objects.requireNonNull(claimName, "claimName");
            if (!tagName.matches("[A-Za-z0-9_.:=+\\-@]{1,128}")) {
                throw new IllegalArgumentException("Tag name '" + tagName
                        + "' is not a valid IAM tag key (1-128 letters, digits or _ . : = + - @)");
            }
            if (claimName.isEmpty() || claimName.length() > 256) {
                throw new IllegalArgumentException("Claim name for tag '" + tagName + "' must be 1-256 characters");
            }
            if (tagClaims.putIfAbsent(tagName, claimName) != null) {
                throw new IllegalStateException("Tag '" + tagName + "' was already declared");
            }
            return this;
        }

        /**
         * Partition keys are the rendered template followed by the application's id, such as {@code {org}#}.
         *
         * @param template a template ending with {@code #} or {@code /}
         * @return this builder
         */
        public Builder partitionKeyPrefix(String template) {
            return partitionKey(template, false);
        }

        /**
         * The partition key is exactly the rendered template, such as {@code {username}}: each tenant has one
         * partition, which the library fills in and the application does not choose.
         *
         * @param template the template
         * @return this builder
         */
        public Builder partitionKeyEquals(String template) {
            return partitionKey(template, true);
        }

        private Builder partitionKey(String template, boolean exact) {
            Objects.requireNonNull(template, "template");
            if (partitionKeyTemplate != null) {
                throw new IllegalStateException("Partition key was already set to '" + partitionKeyTemplate + "'");
            }
            partitionKeyTemplate = template;
            partitionKeyExact = exact;
            return this;
        }

        /**
         * Object keys are the rendered template followed by the application's key, such as {@code {org}/}.
         *
         * @param template a template ending with {@code /}
         * @return this builder
         */
        public Builder objectKeyPrefix(String template) {
            Objects.requireNonNull(template, "template");
            if (objectKeyPrefixTemplate != null) {
                throw new IllegalStateException(
                        "Object key prefix was already set to '" + objectKeyPrefixTemplate + "'");
            }
            if (!template.endsWith("/")) {
                throw new IllegalArgumentException("Object key prefix '" + template + "' must end with '/'");
            }
            objectKeyPrefixTemplate = template;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the layout
         * @throws IllegalStateException when a part is missing
         * @throws IllegalArgumentException when a template is unsafe or names an undeclared tag
         */
        public TenantLayout build() {
            if (tagClaims.isEmpty()) {
                throw new IllegalStateException(
                        "A layout needs at least one tag, such as tag(\"org\", \"custom:org\")");
            }
            if (partitionKeyTemplate == null) {
                throw new IllegalStateException(
                        "Set partitionKeyPrefix(\"{org}#\") or partitionKeyEquals(\"{username}\")");
            }
            if (objectKeyPrefixTemplate == null) {
                throw new IllegalStateException("Set objectKeyPrefix(\"{org}/\")");
            }
            return new TenantLayout(this);
        }
    }
}
