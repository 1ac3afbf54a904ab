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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local user pool's token issuer: signs Cognito-shaped ID tokens with its own RSA key (RS256), publishes the
 * key as a JWKS document, and verifies tokens for the Cognito Identity emulator, as the real identity pool does.
 *
 * <p>Tokens carry the claims a Cognito user-pool ID token carries: {@code sub}, {@code custom:org},
 * {@code cognito:username}, {@code iss}, {@code aud}, {@code token_use=id}, {@code auth_time}, {@code iat},
 * {@code exp}. {@link #token(String)} builds the odd ones tests need (expired, wrong audience, missing claim), and
 * {@link TokenBuilder#forge(Forgery)} and {@link #alterClaim(String, String, Object)} the forged ones a verifier must
 * refuse. Thread-safe.
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
    private KeyPair foreignKeys;

    LocalTokenIssuer(String region, String userPoolId, String clientId, Clock clock) {
        this.region = region;
        this.userPoolId = userPoolId;
        this.clientId = clientId;
        this.clock = clock;
        this.keys = newRsaKeys();
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
        return signRs256(claims, keys, keyId);
    }

    private String forge(Map<String, Object> claims, Forgery forgery) {
        try {
            return switch (forgery) {
                case UNKNOWN_KEY -> signRs256(claims, foreignKeys(), "forged-" + UUID.randomUUID());
                case WRONG_KEY -> signRs256(claims, foreignKeys(), keyId);
                case ALG_NONE ->
                    encodedInput(Map.of("alg", "none", "kid", keyId), claims) + "."
                            + B64.encodeToString("no signature".getBytes(StandardCharsets.US_ASCII));
                case HS256_WITH_PUBLIC_KEY -> {
                    String input = encodedInput(Map.of("alg", "HS256", "kid", keyId, "typ", "JWT"), claims);
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(keys.getPublic().getEncoded(), "HmacSHA256"));
                    yield input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
                }
            };
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not forge a token", e);
        }
    }

    /**
     * A token with one claim changed after signing: header and signature are the original ones, so the signature no
     * longer matches the payload (an attacker editing a genuine token, such as its {@code custom:org}).
     *
     * @param token a compact JWT, typically a genuine one
     * @param name the claim to change
     * @param value its new value; null removes the claim
     * @return the altered token
     */
    public static String alterClaim(String token, String name, Object value) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWT");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> claims = JSON.readValue(B64D.decode(parts[1]), LinkedHashMap.class);
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return parts[0] + "." + B64.encodeToString(JSON.writeValueAsBytes(claims)) + "." + parts[2];
        } catch (IOException e) {
            throw new IllegalArgumentException("the token's payload is not JSON", e);
        }
    }

    private static String signRs256(Map<String, Object> claims, KeyPair signingKeys, String kid) {
        try {
            String input = encodedInput(Map.of("alg", "RS256", "kid", kid, "typ", "JWT"), claims);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(signingKeys.getPrivate());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signer.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    private static String encodedInput(Map<String, Object> header, Map<String, Object> claims) throws IOException {
        return B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + B64.encodeToString(JSON.writeValueAsBytes(claims));
    }

    /** A second RSA key pair that the pool never publishes, made on first use. */
    private synchronized KeyPair foreignKeys() {
        if (foreignKeys == null) {
            foreignKeys = newRsaKeys();
        }
        return foreignKeys;
    }

    private static KeyPair newRsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
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
            return sign(allClaims());
        }

        /**
         * Builds the token with a forged signature: the claims are as set, but the user pool's key did not sign them.
         *
         * @param forgery how the signature is forged
         * @return the compact JWT
         */
        public String forge(Forgery forgery) {
            return LocalTokenIssuer.this.forge(allClaims(), Objects.requireNonNull(forgery, "forgery"));
        }

        private Map<String, Object> allClaims() {
            Map<String, Object> all = new LinkedHashMap<>(claims);
            all.putIfAbsent("auth_time", issuedAt.getEpochSecond());
            all.putIfAbsent("iat", issuedAt.getEpochSecond());
            all.putIfAbsent("exp", issuedAt.plus(lifetime).getEpochSecond());
            return all;
        }
    }

    /** Ways {@link TokenBuilder#forge(Forgery)} forges a token's signature. */
    public enum Forgery {
        /** RS256 by a key the pool never published, under a key id the pool never used. */
        UNKNOWN_KEY,
        /** RS256 by a key the pool never published, under the pool's own key id. */
        WRONG_KEY,
        /** Unsigned: {@code alg: none}, with a non-empty signature part so that the token keeps a JWT's shape. */
        ALG_NONE,
        /** HS256 keyed with the pool's public key (the algorithm-confusion attack on RS256 verifiers). */
        HS256_WITH_PUBLIC_KEY
    }
}
