/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.benchmarks;

import dev.tenantclient.TenantClient;
import dev.tenantclient.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;

/**
 * An in-process Cognito Identity: a real {@link CognitoIdentityClient} over a {@link CannedHttpClient} answering
 * {@code GetId} and {@code GetCredentialsForIdentity} in the real JSON 1.1 shapes, and well-formed ID tokens.
 */
public final class CognitoStub {

    public static final String USER_POOL_ID = "us-east-1_Bench0001";
    public static final String IDENTITY_POOL_ID = "us-east-1:00000000-0000-4000-8000-00000000beef";
    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/" + USER_POOL_ID;

    /** Real Cognito session tokens are about 1 KB of base64; each issued one is a distinct string. */
    private static final String SESSION_TOKEN_PREFIX = "IQoJb3JpZ2luX2Vj".repeat(63);

    private final AtomicLong keys = new AtomicLong();
    private final CannedHttpClient http;
    private final CognitoIdentityClient client;

    public CognitoStub() {
        this.http = new CannedHttpClient(r -> {
            String type = "application/x-amz-json-1.1";
            if (r.target().equals("GetId")) {
                return CannedHttpClient.Answer.json(
                        type, "{\"IdentityId\":\"us-east-1:11111111-2222-3333-4444-555555555555\"}");
            }
            long expiration = Instant.now().plusSeconds(3600).getEpochSecond();
            return CannedHttpClient.Answer.json(
                    type,
                    "{\"IdentityId\":\"us-east-1:11111111-2222-3333-4444-555555555555\","
                            + "\"Credentials\":{\"AccessKeyId\":\"ASIABENCH" + keys.incrementAndGet()
                            + "\",\"SecretKey\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" + keys.get() + "\","
                            + "\"SessionToken\":\"" + SESSION_TOKEN_PREFIX + keys.get() + "\",\"Expiration\":"
                            + expiration + "}}");
        });
        this.client = CognitoIdentityClient.builder()
                .region(Region.US_EAST_1)
                .httpClient(http)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
    }

    /** @return the SDK client over the canned HTTP client */
    public CognitoIdentityClient client() {
        return client;
    }

    /** @return the canned HTTP client, for call counts */
    public CannedHttpClient http() {
        return http;
    }

    /** @return a builder for a TenantClient using this stub */
    public TenantClient.Builder tenantClient() {
        return TenantClient.builder()
                .identityPoolId(IDENTITY_POOL_ID)
                .userPoolId(USER_POOL_ID)
                // The tokens below carry placeholder signatures: these benchmarks measure the cache, not RS256.
                .tokenVerifier(TokenVerifier.skipSignatureVerification())
                .cognitoIdentityClient(client);
    }

    /**
     * A Cognito-shaped ID token (signature not checked by the library).
     *
     * @param org the org claim
     * @param subject the subject
     * @return the token
     */
    public static String token(String org, String subject) {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"kid\":\"bench\",\"alg\":\"RS256\"}");
        String payload = b64("{\"sub\":\"" + subject + "\",\"custom:org\":\"" + org + "\",\"iss\":\"" + ISSUER
                + "\",\"aud\":\"bench-client\",\"token_use\":\"id\",\"auth_time\":" + now + ",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + ",\"cognito:username\":\"" + subject + "\",\"email\":\"" + subject
                + "@example.com\",\"email_verified\":true,\"event_id\":\"" + java.util.UUID.randomUUID() + "\"}");
        // Real Cognito ID tokens carry a 256-byte RS256 signature: 342 base64url characters.
        String signature = "s".repeat(342);
        return header + "." + payload + "." + signature;
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
