/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on an incoming request, header-signed or presigned (query string), as the AWS
 * documentation "Create a signed AWS API request" describes: canonical request, string to sign, signing key.
 *
 * <p>The payload hash is taken from {@code x-amz-content-sha256} when the request carries it (S3 always does; for
 * streaming uploads the seed signature covers the headers, and chunk signatures are not re-checked here), otherwise
 * computed over the body. Path segments are used as sent (S3 does not normalise or double-encode them; for other
 * services the SDK double-encodes, which this verifier mirrors by encoding the received path once more).
 */
public final class SigV4Verifier {

    /** The credentials a signature is checked against. */
    public record Secret(String secretAccessKey, String sessionToken) {
        @Override
        public String toString() {
            return "Secret{redacted}";
        }
    }

    /** What a verified request was signed for. */
    public record Signed(String accessKeyId, String region, String service, Instant signedAt) {}

    /** A signature that does not verify, with the service error code the real service would answer. */
    public static final class SignatureException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        SignatureException(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        /** @return the service error code, such as {@code SignatureDoesNotMatch} */
        public String code() {
            return code;
        }
    }

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final long MAX_PRESIGNED_EXPIRES = 604_800;

    private final Clock clock;

    /**
     * Creates a verifier.
     *
     * @param clock the time source for the request-time window
     */
    public SigV4Verifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * Verifies a request.
     *
     * @param method the HTTP method
     * @param rawPath the request path exactly as received (still percent-encoded)
     * @param rawQuery the query string as received, or null
     * @param headers request headers, names in lower case
     * @param body the request body
     * @param secrets looks up the secret and session token of an access key id (empty when unknown)
     * @return what the request was signed for
     * @throws SignatureException when the request is unsigned, malformed, from an unknown key, out of its time
     *     window, or the signature does not match
     */
    public Signed verify(
            String method,
            String rawPath,
            String rawQuery,
            Map<String, List<String>> headers,
            byte[] body,
            Function<String, Optional<Secret>> secrets)
            throws SignatureException {
        Map<String, List<String>> query;
        try {
            query = parseQuery(rawQuery);
        } catch (IllegalArgumentException e) { // a '%' not followed by two hex digits (found by SigV4VerifierFuzzTest)
            throw new SignatureException(
                    "AuthorizationQueryParametersError", "Query string is not valid percent-encoding");
        }
        boolean presigned = query.containsKey("X-Amz-Signature");
        String credential;
        String signedHeaders;
        String signature;
        String amzDate;
        String securityToken;
        if (presigned) {
            credential = single(query, "X-Amz-Credential");
            signedHeaders = single(query, "X-Amz-SignedHeaders");
            signature = single(query, "X-Amz-Signature");
            amzDate = single(query, "X-Amz-Date");
            securityToken = first(query, "X-Amz-Security-Token");
            if (!"AWS4-HMAC-SHA256".equals(first(query, "X-Amz-Algorithm"))) {
                throw new SignatureException(
                        "AuthorizationQueryParametersError", "X-Amz-Algorithm must be AWS4-HMAC-SHA256");
            }
        } else {
            String authorization = first(headers, "authorization");
            if (authorization == null) {
                throw new SignatureException("MissingAuthenticationToken", "Request is missing Authentication Token");
            }
            if (!authorization.startsWith("AWS4-HMAC-SHA256 ")) {
                throw new SignatureException("IncompleteSignature", "Authorization header must use AWS4-HMAC-SHA256");
            }
            Map<String, String> parts = new TreeMap<>();
            for (String part :
                    authorization.substring("AWS4-HMAC-SHA256 ".length()).split(",", -1)) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    parts.put(
                            part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
            }
            credential = parts.get("Credential");
            signedHeaders = parts.get("SignedHeaders");
            signature = parts.get("Signature");
            amzDate = first(headers, "x-amz-date");
            securityToken = first(headers, "x-amz-security-token");
        }
        if (credential == null || signedHeaders == null || signature == null || amzDate == null) {
            throw new SignatureException(
                    "IncompleteSignature",
                    "Signature is missing Credential, SignedHeaders," + " Signature or X-Amz-Date");
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw new SignatureException("IncompleteSignature", "Credential scope is malformed");
        }
        String accessKeyId = scope[0];
        String date = scope[1];
        String region = scope[2];
        String service = scope[3];

        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw new SignatureException("IncompleteSignature", "X-Amz-Date is malformed");
        }
        if (!amzDate.startsWith(date)) {
            throw new SignatureException("SignatureDoesNotMatch", "Credential date does not match X-Amz-Date");
        }
        Instant now = clock.instant();
        if (presigned) {
            String expiresText = first(query, "X-Amz-Expires");
            long expires;
            try {
                expires = Long.parseLong(Optional.ofNullable(expiresText).orElse(""));
            } catch (NumberFormatException e) {
                throw new SignatureException("AuthorizationQueryParametersError", "X-Amz-Expires should be a number");
            }
            if (expires < 0) {
                throw new SignatureException("AuthorizationQueryParametersError", "X-Amz-Expires must be non-negative");
            }
            if (expires > MAX_PRESIGNED_EXPIRES) {
                throw new SignatureException(
                        "AuthorizationQueryParametersError",
                        "X-Amz-Expires must be less than a week (in seconds) that is 604800");
            }
            if (signedAt.isAfter(now.plus(MAX_SKEW))) {
                throw new SignatureException("AccessDenied", "Request is not valid yet");
            }
            if (now.isAfter(signedAt.plusSeconds(expires))) {
                throw new SignatureException("AccessDenied", "Request has expired");
            }
            // S3 refuses x-amz-* headers a presigned URL did not sign: they could change the operation
            // (x-amz-copy-source), the ACL or tags, which the signer never authorised
            List<String> signed = List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";", -1));
            List<String> unsigned = headers.keySet().stream()
                    .map(h -> h.toLowerCase(Locale.ROOT))
                    .filter(h -> h.startsWith("x-amz-") && !h.equals("x-amz-content-sha256") && !signed.contains(h))
                    .sorted()
                    .toList();
            if (!unsigned.isEmpty()) {
                throw new SignatureException(
                        "AccessDenied",
                        "There were headers present in the request which were not signed: "
                                + String.join(", ", unsigned));
            }
        } else if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new SignatureException(
                    "RequestTimeTooSkewed",
                    "The difference between the request time and the current time is too large");
        }

        Secret secret = secrets.apply(accessKeyId)
                .orElseThrow(() -> new SignatureException(
                        "UnrecognizedClientException", "The security token included in the request is invalid"));
        if (secret.sessionToken() != null && !secret.sessionToken().equals(securityToken)) {
            throw new SignatureException(
                    "UnrecognizedClientException", "The security token included in the request is invalid");
        }

        byte[] key = hmac(("AWS4" + secret.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        // A presigned URL's payload is UNSIGNED-PAYLOAD for S3's presigner; a generic signer over plain HTTP may have
        // signed the (empty) body's hash instead. Either is a signature the caller made with the secret.
        List<String> payloadHashes =
                presigned ? List.of("UNSIGNED-PAYLOAD", hex(sha256(body))) : java.util.Collections.singletonList(null);
        for (String payloadHash : payloadHashes) {
            String canonicalRequest =
                    canonicalRequest(method, rawPath, query, headers, body, signedHeaders, service, payloadHash);
            String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + date + "/" + region + "/" + service
                    + "/aws4_request\n" + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
            String expected = hex(hmac(key, stringToSign));
            if (MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
                return new Signed(accessKeyId, region, service, signedAt);
            }
        }
        throw new SignatureException(
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match"
                        + " the signature you provided. Check your AWS Secret Access Key and signing method.");
    }

    private static String canonicalRequest(
            String method,
            String rawPath,
            Map<String, List<String>> query,
            Map<String, List<String>> headers,
            byte[] body,
            String signedHeaders,
            String service,
            String presignedPayloadHash)
            throws SignatureException {
        boolean presigned = presignedPayloadHash != null;
        StringBuilder out = new StringBuilder(512);
        out.append(method).append('\n');
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        out.append("s3".equals(service) ? path : encodePath(path)).append('\n');

        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (presigned && e.getKey().equals("X-Amz-Signature")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String v : e.getValue()) {
                values.add(encode(v));
            }
            values.sort(null);
            sorted.put(encode(e.getKey()), values);
        }
        StringBuilder qs = new StringBuilder();
        for (Map.Entry<String, List<String>> e : sorted.entrySet()) {
            for (String v : e.getValue()) {
                if (qs.length() > 0) {
                    qs.append('&');
                }
                qs.append(e.getKey()).append('=').append(v);
            }
        }
        out.append(qs).append('\n');

        for (String name : signedHeaders.split(";", -1)) {
            List<String> values = headers.get(name);
            if (values == null) {
                throw new SignatureException("SignatureDoesNotMatch", "Signed header '" + name + "' is missing");
            }
            List<String> trimmed = new ArrayList<>();
            for (String v : values) {
                trimmed.add(v.trim().replaceAll("\\s+", " "));
            }
            out.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        out.append('\n').append(signedHeaders).append('\n');

        String claimed = first(headers, "x-amz-content-sha256");
        String payloadHash;
        if (presigned) {
            payloadHash = presignedPayloadHash;
        } else if (claimed != null && !claimed.matches("[0-9a-f]{64}")) {
            payloadHash = claimed; // UNSIGNED-PAYLOAD or a STREAMING-* seed: the header itself is what was signed
        } else {
            payloadHash = hex(sha256(body));
            if (claimed != null && !claimed.equals(payloadHash)) {
                throw new SignatureException(
                        "XAmzContentSHA256Mismatch",
                        "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
        }
        out.append(payloadHash);
        return out.toString();
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (out.length() > 0 || path.startsWith("/")) {
                out.append('/');
            }
            out.append(encode(segment));
        }
        String s = out.toString();
        return s.startsWith("//") ? s.substring(1) : s;
    }

    /** RFC 3986 encoding of everything but unreserved characters, as SigV4 requires. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * Parses a raw query string into decoded names and values, keeping order of values.
     *
     * @param rawQuery the query as received, or null
     * @return decoded name to values
     */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> out = new TreeMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** S3 accepts 1 second to 7 days; anything else (found by SigV4VerifierFuzzTest: overflow) is refused. */
    private static String single(Map<String, List<String>> map, String name) throws SignatureException {
        List<String> values = map.get(name);
        if (values == null || values.size() != 1) {
            throw new SignatureException("AuthorizationQueryParametersError", name + " must appear once");
        }
        return values.get(0);
    }

    private static String first(Map<String, List<String>> map, String name) {
        List<String> values = map.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
