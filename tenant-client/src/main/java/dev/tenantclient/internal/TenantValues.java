/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.InvalidTenantTokenException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for values that become part of an IAM pattern and a key prefix (principal tag values).
 *
 * <p>Each refused character would either widen an IAM {@code StringLike} pattern ({@code * ?}), start a policy
 * variable ({@code $ { }}), be read as a set ({@code [ ]}), or let one tenant's prefix be a prefix of another's
 * ({@code # /}, the layout separators). Whitespace and control characters are refused because they cannot be
 * seen in logs and consoles, and IAM tag values may not carry most of them.
 */
public final class TenantValues {

    /** Longest accepted value; IAM allows 256 for a tag value, we keep half for prefixes and separators. */
    public static final int MAX_LENGTH = 128;

    private static final String FORBIDDEN = "*?#/${}[]";

    /** STS's rule for one session-tag value character (AssumeRoleWithWebIdentity, Tag.Value). */
    private static final Pattern STS_TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]");

    private TenantValues() {}

    /**
     * Checks a tenant value.
     *
     * @param claim the claim it came from, for the message
     * @param value the value
     * @return the value
     * @throws InvalidTenantTokenException with {@link Reason#INVALID_TENANT} when the value is unsafe
     */
    public static String check(String claim, @Nullable String value) {
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidTenantTokenException(
                    Reason.INVALID_TENANT, "Tenant claim '" + Printable.of(claim) + "' " + problem);
        }
        return Objects.requireNonNull(value, "problem() reports a null value as missing");
    }

    /**
     * Describes what is wrong with a tenant value.
     *
     * @param value the value, may be null
     * @return null when the value is safe, otherwise a phrase such as {@code "contains '*' at index 3"}
     */
    public static @Nullable String problem(@Nullable String value) {
        if (value == null) {
            return "is missing";
        }
        if (value.isEmpty()) {
            return "is empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "is " + value.length() + " characters long; at most " + MAX_LENGTH + " are allowed";
        }
        if (value.equals(".") || value.equals("..")) {
            // a folder named '.' or '..' is resolved away by URL and path normalisation (browsers, proxies, some
            // S3-compatible stores), so "../" + key could land in another folder
            return "is a dot segment ('.' or '..'); tenant values must name a folder of their own";
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (c < 0x10000 && FORBIDDEN.indexOf(c) >= 0) {
                return "contains '" + (char) c + "' at index " + i
                        + "; tenant values may not contain any of " + FORBIDDEN
                        + " (they would widen the IAM pattern or another tenant's prefix)";
            }
            if (invisible(c)) {
                return "contains whitespace or a control character (" + codePoint(c) + ") at index " + i;
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /**
     * Whether a code point is whitespace, a line or paragraph separator, a control or a format character: text that
     * cannot be seen, or that splits a log line, in a message or a console.
     *
     * @param c a code point
     * @return whether it is invisible
     */
    public static boolean invisible(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c)
                || Character.isISOControl(c)
                || Character.isSpaceChar(c)
                || type == Character.FORMAT
                || type == Character.SURROGATE
                || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED;
    }

    /**
     * The {@code StringLike} patterns that together match every principal-tag value STS accepts (its session-tag
     * value characters are {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]}, up to 256 of them) and {@link #problem} refuses:
     * the empty value, the dot segments, values longer than {@link #MAX_LENGTH}, and values containing a character
     * this class refuses that STS allows — the separators {@code /} (and {@code #}, which STS refuses, for the day it
     * does not) and the space, line and paragraph separators. The policy generator denies every request of a session
     * whose tag matches one, so IAM refuses what the library refuses.
     *
     * @return the patterns, in a stable order
     */
    public static List<String> unsafeTagValuePatterns() {
        return UnsafePatterns.ALL;
    }

    /** Computed on first use: the scan over every code point takes a few tens of milliseconds. */
    private static final class UnsafePatterns {
        static final List<String> ALL = unsafePatterns();
    }

    private static List<String> unsafePatterns() {
        List<String> patterns = new ArrayList<>(List.of("", ".", ".."));
        patterns.add("*#*");
        patterns.add("*/*");
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String single = Character.toString(c);
            if (c != '#'
                    && c != '/'
                    && problem("a" + single + "a") != null
                    && STS_TAG_VALUE.matcher(single).matches()) {
                patterns.add("*" + single + "*");
            }
        }
        patterns.add("?".repeat(MAX_LENGTH + 1) + "*");
        return List.copyOf(patterns);
    }

    /**
     * The code point as {@code U+XXXX}, for messages that must not carry the character itself.
     *
     * @param c a code point
     * @return such as {@code U+2028}
     */
    public static String codePoint(int c) {
        return String.format(Locale.ROOT, "U+%04X", c);
    }
}
