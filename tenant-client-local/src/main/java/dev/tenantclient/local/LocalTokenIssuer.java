/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The local user pool's token issuer: signs Cognito-shaped ID tokens with its own RSA key (RS256), publishes the
 * key as a JWKS document, and verifies tokens for the Cognito Identity emulator, as the real identity pool does.
 *
 * <p>Tokens carry the claims a Cognito user-pool ID token carries: {@code sub}, {@code custom:org},
 * {@code cognito:username}, {@code iss}, {@code aud}, {@code token_use=id}, {@code auth_time}, {@code iat},
 * {@code exp}. {@link #token(String)} builds the odd ones tests need (expired, wrong audience, missing claim).
 * Thread-safe.
 */
public final class LocalTokenIssuer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final String region;
    private final String userPoolId;
    private final String clientId;
    private final Clock clock;
    private final KeyPair keys;
    private final String keyId;

    LocalTokenIssuer(String region, String userPoolId, String clientId, Clock clock) {
        this.region = region;
        this.userPoolId = userPoolId;
        this.clientId = clientId;
        this.clock = clock;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
        this.keyId = UUID.randomUUID().toString();
    }

    /**
     * The issuer URL, {@code https://cognito-idp.<region>.amazonaws.com/<userPoolId>}.
     *
     * @return the {@code iss} of every token issued here
     */
    public String issuer() {
        return "https://" + providerName();
    }

    /**
     * The provider name identity pools use as the {@code Logins} key.
     *
     * @return {@code cognito-idp.<region>.amazonaws.com/<userPoolId>}
     */
    public String providerName() {
        return "cognito-idp." + region + ".amazonaws.com/" + userPoolId;
    }

    /**
     * Issues a valid one-hour ID token for a user of a tenant.
     *
     * @param org the {@code custom:org} claim
     * @param subject the {@code sub} claim
     * @return the signed token
     */
    public String issue(String org, String subject) {
        return token(subject).org(org).build();
    }

    /**
     * Starts a token with the standard claims for a subject (no {@code custom:org} until {@link TokenBuilder#org}).
     *
     * @param subject the {@code sub} claim
     * @return a builder
     */
    public TokenBuilder token(String subject) {
        return new TokenBuilder(subject);
    }

    /**
     * The public key tokens are signed with, for a resource server's JWT decoder
     * ({@code NimbusJwtDecoder.withPublicKey(stack.tokens().publicKey())}).
     *
     * @return the RSA public key
     */
    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    /**
     * The public key as a JWKS document, as served at {@code <issuer>/.well-known/jwks.json}.
     *
     * @return the JWKS JSON
     */
    public String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        ObjectNode jwk = JSON.createObjectNode()
                .put("kty", "RSA")
                .put("alg", "RS256")
                .put("use", "sig")
                .put("kid", keyId)
                .put("n", B64.encodeToString(unsigned(key.getModulus().toByteArray())))
                .put("e", B64.encodeToString(unsigned(key.getPublicExponent().toByteArray())));
        ObjectNode doc = JSON.createObjectNode();
        doc.putArray("keys").add(jwk);
        return doc.toString();
    }

    /**
     * Verifies a token's signature with this issuer's key and returns its claims; no claim is checked.
     *
     * @param token the compact JWT
     * @return the claims, or empty when the token is malformed or its signature does not verify
     */
    Optional<JsonNode> verifiedClaims(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(B64D.decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())
                    || !keyId.equals(header.path("kid").asText())) {
                return Optional.empty();
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(keys.getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(B64D.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(B64D.decode(parts[1]));
            return claims.isObject() ? Optional.of(claims) : Optional.empty();
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private String sign(Map<String, Object> claims) {
        try {
            String header = JSON.writeValueAsString(Map.of("alg", "RS256", "kid", keyId, "typ", "JWT"));
            String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signer.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    @Override
    public String toString() {
        return "LocalTokenIssuer{issuer=" + issuer() + ", clientId=" + clientId + "}";
    }

    /** Builds one signed token; every setter returns this builder. */
    public final class TokenBuilder {
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private Instant issuedAt = clock.instant();
        private Duration lifetime = Duration.ofHours(1);

        private TokenBuilder(String subject) {
            Objects.requireNonNull(subject, "subject");
            claims.put("sub", subject);
            claims.put("cognito:username", subject);
            claims.put("iss", issuer());
            claims.put("aud", clientId);
            claims.put("token_use", "id");
        }

        /**
         * Sets the {@code custom:org} claim.
         *
         * @param org the tenant
         * @return this builder
         */
        public TokenBuilder org(String org) {
            return claim("custom:org", org);
        }

        /**
         * Sets a claim, or removes it when {@code value} is null.
         *
         * @param name the claim name
         * @param value a string, number, boolean, list or map; null removes the claim
         * @return this builder
         */
        public TokenBuilder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        /**
         * Sets when the token was issued (default: now on the stack's clock).
         *
         * @param issuedAt the {@code iat} and {@code auth_time}
         * @return this builder
         */
        public TokenBuilder issuedAt(Instant issuedAt) {
            this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
            return this;
        }

        /**
         * Sets the lifetime from {@code iat} to {@code exp} (default one hour, as Cognito's default).
         *
         * @param lifetime the lifetime; may be negative for an already-expired token
         * @return this builder
         */
        public TokenBuilder lifetime(Duration lifetime) {
            this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /**
         * Signs the token.
         *
         * @return the compact JWT
         */
        public String build() {
            Map<String, Object> all = new LinkedHashMap<>(claims);
            all.putIfAbsent("auth_time", issuedAt.getEpochSecond());
            all.putIfAbsent("iat", issuedAt.getEpochSecond());
            all.putIfAbsent("exp", issuedAt.plus(lifetime).getEpochSecond());
            return sign(all);
        }
    }
}
