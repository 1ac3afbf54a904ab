/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.InvalidTenantTokenException.Reason;

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

    private TenantValues() {}

    /**
     * Checks a tenant value.
     *
     * @param claim the claim it came from, for the message
     * @param value the value
     * @return the value
     * @throws InvalidTenantTokenException with {@link Reason#INVALID_TENANT} when the value is unsafe
     */
    public static String check(String claim, String value) {
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidTenantTokenException(Reason.INVALID_TENANT, "Tenant claim '" + claim + "' " + problem);
        }
        return value;
    }

    /**
     * Describes what is wrong with a tenant value.
     *
     * @param value the value, may be null
     * @return null when the value is safe, otherwise a phrase such as {@code "contains '*' at index 3"}
     */
    public static String problem(String value) {
        if (value == null) {
            return "is missing";
        }
        if (value.isEmpty()) {
            return "is empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "is " + value.length() + " characters long; at most " + MAX_LENGTH + " are allowed";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0) {
                return "contains '" + c + "' at index " + i
                        + "; tenant values may not contain any of " + FORBIDDEN
                        + " (they would widen the IAM pattern or another tenant's prefix)";
            }
            if (Character.isWhitespace(c)
                    || Character.isISOControl(c)
                    || Character.isSpaceChar(c)
                    || Character.getType(c) == Character.FORMAT) {
                return "contains whitespace or a control character (U+" + String.format("%04X", (int) c) + ") at index "
                        + i;
            }
        }
        return null;
    }
}
