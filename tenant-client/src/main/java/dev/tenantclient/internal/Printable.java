/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import java.util.Locale;

/**
 * Text from outside the library (names, keys, S3 error codes) made safe for exception messages, logs and
 * {@code toString()}: every whitespace other than a plain space, line or paragraph separator ({@code U+2028},
 * {@code U+2029}, {@code U+0085}), control, format, surrogate, private-use or unassigned character becomes a
 * {@code \}{@code uXXXX} escape, so no value can forge a log line or hide in a console, and long values are cut.
 */
public final class Printable {

    /** Longest text kept; the rest is cut and marked. */
    public static final int MAX_LENGTH = 256;

    private Printable() {}

    /**
     * The text with invisible characters escaped, at most {@value #MAX_LENGTH} characters of it.
     *
     * @param text any text, or null
     * @return the printable text ({@code null} for null)
     */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8);
        int end = Math.min(text.length(), MAX_LENGTH);
        for (int i = 0; i < end; ) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c != ' ' && TenantValues.invisible(c)) {
                for (int k = i; k < i + width; k++) {
                    out.append(String.format(Locale.ROOT, "\\u%04x", (int) text.charAt(k)));
                }
            } else {
                out.appendCodePoint(c);
            }
            i += width;
        }
        if (text.length() > MAX_LENGTH) {
            out.append("...(").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
