/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds unsigned but well-formed ID tokens for tests of the parsing rules (the library does not verify signatures). */
public final class TestTokens {

    public static final String USER_POOL_ID = "us-east-1_LocalPool1";
    public static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/" + USER_POOL_ID;
    public static final String CLIENT_ID = "local-app-client";

    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String header = "{\"alg\":\"RS256\",\"kid\":\"test\",\"typ\":\"JWT\"}";

    private TestTokens(Instant now) {
        claims.put("sub", "alice-sub");
        claims.put("custom:org", "acme");
        claims.put("iss", ISSUER);
        claims.put("aud", CLIENT_ID);
        claims.put("token_use", "id");
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(3600).getEpochSecond());
    }

    public static TestTokens token(Instant now) {
        return new TestTokens(now);
    }

    public TestTokens claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    public TestTokens header(String json) {
        this.header = json;
        return this;
    }

    public String build() {
        return encode(header) + "." + encode(json(claims)) + ".c2lnbmF0dXJl";
    }

    public static String encode(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Map<String, Object> map) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(e.getKey())).append(':');
            Object v = e.getValue();
            out.append(
                    v instanceof Number || v instanceof Boolean
                            ? v.toString()
                            : v instanceof RawJson raw ? raw.json() : quote(v.toString()));
        }
        return out.append('}').toString();
    }

    /** A claim value written as-is (arrays, objects). */
    public record RawJson(String json) {}

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
