/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantLayout;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Cognito user-pool ID token, parsed (Nimbus JOSE+JWT) and checked without network: shape, {@code exp},
 * {@code token_use=id}, {@code iss}, {@code aud} and the tenant claims. The signature is checked separately, by the
 * client's {@link dev.tenantclient.TokenVerifier}, after these cheap checks. Never keeps or prints the raw token.
 *
 * @param tenant the tenant the claims name
 * @param expiresAt the token's {@code exp}
 * @param issuer the token's {@code iss}
 */
public record IdToken(Tenant tenant, Instant expiresAt, String issuer) {

    /** A JWT has three parts; Cognito ID tokens are about 1 KB, so 16 KB is generous and bounds parsing work. */
    public static final int MAX_LENGTH = 16 * 1024;

    /**
     * The latest {@code exp} accepted: the last second of year 9999. Cognito ID tokens live at most a day; the bound
     * keeps every instant derived from {@code exp} (epoch millis, durations, cache expiry) free of overflow.
     */
    public static final long MAX_EXP = 253_402_300_799L;

    /**
     * Parses and checks a token.
     *
     * @param token the raw JWT
     * @param expectedIssuer the accepted {@code iss}
     * @param expectedAudience the accepted {@code aud}, or null to accept any
     * @param layout the layout naming the tenant claims
     * @param now the current time
     * @return the parsed token
     * @throws InvalidTenantTokenException when anything is wrong
     */
    public static IdToken parse(
            @Nullable String token,
            String expectedIssuer,
            @Nullable String expectedAudience,
            TenantLayout layout,
            Instant now) {
        if (token == null) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token is null");
        }
        if (token.isEmpty()) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token is empty");
        }
        if (token.length() > MAX_LENGTH) {
            throw new InvalidTenantTokenException(
                    Reason.MALFORMED,
                    "ID token is " + token.length() + " characters long; at most " + MAX_LENGTH + " are accepted");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0
                || second < 0
                || second == first + 1
                || token.indexOf('.', second + 1) >= 0
                || second == token.length() - 1) {
            throw new InvalidTenantTokenException(
                    Reason.MALFORMED,
                    "ID token is not a JWT (expected three non-empty base64url parts separated by '.')");
        }
        Map<String, Object> claims = decodeObject(token.substring(first + 1, second), "payload");
        checkSigningAlgorithm(decodeObject(token.substring(0, first), "header"));

        Instant exp = expiry(claims);
        if (!now.isBefore(exp)) {
            throw new InvalidTenantTokenException(Reason.EXPIRED, "ID token expired at " + exp);
        }
        String tokenUse = stringClaim(claims, "token_use");
        if (!"id".equals(tokenUse)) {
            throw new InvalidTenantTokenException(
                    Reason.WRONG_ISSUER_OR_AUDIENCE,
                    "Token has token_use '" + printable(tokenUse) + "'; an ID token (token_use 'id') is required,"
                            + " not an access token");
        }
        String issuer = stringClaim(claims, "iss");
        if (!expectedIssuer.equals(issuer)) {
            throw new InvalidTenantTokenException(
                    Reason.WRONG_ISSUER_OR_AUDIENCE,
                    "Token issuer '" + printable(issuer) + "' is not the configured user pool '" + expectedIssuer
                            + "'");
        }
        if (expectedAudience != null && !audienceMatches(claims.get("aud"), expectedAudience)) {
            throw new InvalidTenantTokenException(
                    Reason.WRONG_ISSUER_OR_AUDIENCE,
                    "Token audience is not the configured app client '" + expectedAudience + "'");
        }

        Map<String, String> strings = new HashMap<>();
        for (Map.Entry<String, Object> claim : claims.entrySet()) {
            if (claim.getValue() instanceof String value) {
                strings.put(claim.getKey(), value);
            }
        }
        Tenant tenant = layout.tenantFromClaims(strings);
        return new IdToken(tenant, exp, expectedIssuer); // equal to the claim; one shared instance per client
    }

    /**
     * Decodes one part into a JSON object with Nimbus' parser, which refuses duplicate members, trailing text and
     * non-standard JSON (a claim must mean one thing to us and to Cognito).
     */
    private static Map<String, Object> decodeObject(String part, String what) {
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token " + what + " is not base64url");
        }
        String text = new String(json, StandardCharsets.UTF_8);
        Map<String, Object> object;
        try {
            object = JSONObjectUtils.parse(text);
        } catch (ParseException | RuntimeException e) {
            object = null;
        }
        if (object == null) {
            throw new InvalidTenantTokenException(
                    Reason.MALFORMED,
                    "ID token " + what
                            + (isJsonValueButNoObject(text) ? " is not a JSON object" : " is not valid JSON"));
        }
        return object;
    }

    /** Whether the text starts like a JSON value other than an object (for the message only). */
    private static boolean isJsonValueButNoObject(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return false;
        }
        char c = t.charAt(0);
        return c == '['
                || c == '"'
                || c == '-'
                || Character.isDigit(c)
                || t.equals("true")
                || t.equals("false")
                || t.equals("null");
    }

    /** The header must name a JWS signing algorithm: {@code none}, a missing or an encryption {@code alg} is refused. */
    private static void checkSigningAlgorithm(Map<String, Object> header) {
        Object alg = header.get("alg");
        if (!(alg instanceof String name) || Algorithm.NONE.getName().equalsIgnoreCase(name)) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token header has no signing algorithm");
        }
        try {
            JWSHeader.parse(header);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTenantTokenException(
                    Reason.MALFORMED, "ID token header is not a JWS header with a signing algorithm");
        }
    }

    /**
     * The {@code exp} claim as an instant: a JSON number of seconds (fractions dropped), at most {@link #MAX_EXP} away from 1970.
     * Anything else, such as {@code 9.3e15} or {@code 1e300}, is malformed rather than an arithmetic error later.
     */
    private static Instant expiry(Map<String, Object> claims) {
        Object value = claims.get("exp");
        if (!(value instanceof Number number)) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token has no numeric 'exp' claim");
        }
        double seconds = number.doubleValue();
        if (Double.isNaN(seconds) || seconds < -MAX_EXP || seconds > MAX_EXP) {
            throw new InvalidTenantTokenException(
                    Reason.MALFORMED, "ID token claim 'exp' is out of range (at most the year 9999 is accepted)");
        }
        return Instant.ofEpochSecond(number instanceof Long l ? l : (long) Math.floor(seconds));
    }

    private static @Nullable String stringClaim(Map<String, Object> claims, String name) {
        return claims.get(name) instanceof String value ? value : null;
    }

    private static boolean audienceMatches(@Nullable Object aud, String expected) {
        if (aud instanceof String value) {
            return expected.equals(value);
        }
        if (aud instanceof List<?> values) {
            return values.stream().anyMatch(expected::equals);
        }
        return false;
    }

    /**
     * Claim values in messages are shortened and stripped of control characters.
     *
     * @param value a claim value or a message, or null
     * @return the value, at most 80 characters of it, without control characters
     */
    public static String printable(@Nullable String value) {
        if (value == null) {
            return "(missing)";
        }
        String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
