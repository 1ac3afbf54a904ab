/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantLayout;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * A Cognito user-pool ID token, parsed and checked without network: shape, {@code exp}, {@code token_use=id},
 * {@code iss}, {@code aud} and the tenant claims. The signature is not verified here (Cognito verifies it before it
 * issues credentials). Never keeps or prints the raw token.
 *
 * @param tenant the tenant the claims name
 * @param expiresAt the token's {@code exp}
 * @param issuer the token's {@code iss}
 */
public record IdToken(Tenant tenant, Instant expiresAt, String issuer) {

    /** A JWT has three parts; Cognito ID tokens are about 1 KB, so 16 KB is generous and bounds parsing work. */
    public static final int MAX_LENGTH = 16 * 1024;

    private static final double MAX_EPOCH_SECONDS = 1.0e15;

    private static final JsonNodeParser PARSER = JsonNodeParser.create();

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
            String token, String expectedIssuer, String expectedAudience, TenantLayout layout, Instant now) {
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
        Map<String, JsonNode> claims = decodeObject(token.substring(first + 1, second), "payload");
        Map<String, JsonNode> header = decodeObject(token.substring(0, first), "header");
        if (header.get("alg") == null
                || !header.get("alg").isString()
                || "none".equalsIgnoreCase(header.get("alg").asString())) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token header has no signing algorithm");
        }

        Instant exp = Instant.ofEpochSecond(numberClaim(claims, "exp"));
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
        for (Map.Entry<String, JsonNode> claim : claims.entrySet()) {
            if (claim.getValue().isString()) {
                strings.put(claim.getKey(), claim.getValue().asString());
            }
        }
        Tenant tenant = layout.tenantFromClaims(strings);
        return new IdToken(tenant, exp, expectedIssuer); // equal to the claim; one shared instance per client
    }

    private static Map<String, JsonNode> decodeObject(String part, String what) {
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token " + what + " is not base64url");
        }
        try {
            JsonNode node = PARSER.parse(new String(json, StandardCharsets.UTF_8));
            if (!node.isObject()) {
                throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token " + what + " is not a JSON object");
            }
            return node.asObject();
        } catch (InvalidTenantTokenException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token " + what + " is not valid JSON");
        }
    }

    private static long numberClaim(Map<String, JsonNode> claims, String name) {
        JsonNode node = claims.get(name);
        if (node == null || !node.isNumber()) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token has no numeric '" + name + "' claim");
        }
        double value;
        try {
            value = Double.parseDouble(node.asNumber());
        } catch (NumberFormatException e) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token claim '" + name + "' is not a number");
        }
        // Seconds since the epoch; beyond about 3e7 years an Instant cannot hold it (found by IdTokenFuzzTest).
        if (!(Math.abs(value) <= MAX_EPOCH_SECONDS)) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token claim '" + name + "' is out of range");
        }
        return (long) value;
    }

    private static String stringClaim(Map<String, JsonNode> claims, String name) {
        JsonNode node = claims.get(name);
        return node != null && node.isString() ? node.asString() : null;
    }

    private static boolean audienceMatches(JsonNode aud, String expected) {
        if (aud == null) {
            return false;
        }
        if (aud.isString()) {
            return expected.equals(aud.asString());
        }
        if (aud.isArray()) {
            List<JsonNode> values = aud.asArray();
            return values.stream().anyMatch(v -> v.isString() && expected.equals(v.asString()));
        }
        return false;
    }

    /** Claim values in messages are shortened and stripped of control characters. */
    static String printable(String value) {
        if (value == null) {
            return "(missing)";
        }
        String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
