/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.benchmarks;

import dev.tenantclient.TenantClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Two figures JMH does not give: the retained heap per cached token, and Cognito calls per 1,000 requests.
 * Run with {@code java -cp benchmarks/target/benchmarks.jar dev.tenantclient.benchmarks.CacheFootprint [tokens]}.
 */
public final class CacheFootprint {

    private CacheFootprint() {}

    /** Heap retained by the cache per token, with the tokens themselves (about 1 KB each, as Cognito's). */
    public record Footprint(int tokens, long retainedBytes, double bytesPerToken) {}

    /** Cognito calls made to serve a number of requests spread over a number of tokens. */
    public record Calls(int requests, int tokens, long oursGetId, long oursGetCredentials, long naiveCalls) {}

    /**
     * Fills a cache with credentials for {@code tokens} tokens and measures the heap it retains.
     *
     * @param tokens how many tokens
     * @return the footprint
     */
    public static Footprint footprint(int tokens) {
        CognitoStub stub = new CognitoStub();
        long before = usedAfterGc();
        // No rate limit: filling the cache is not what is measured (at Cognito's default 25 GetId/s, 2,000 tokens
        // took 80 s of the build).
        TenantClient client = stub.tenantClient()
                .credentials(c -> c.maximumTokens(tokens).cognitoRateLimits(0, 0))
                .build();
        for (int i = 0; i < tokens; i++) {
            client.session(CognitoStub.token("org" + (i % 1000), "user-" + i))
                    .credentialsProvider()
                    .resolveCredentials();
        }
        long after = usedAfterGc();
        long size = client.credentialsCache().estimatedSize();
        client.close();
        if (size != tokens) {
            throw new IllegalStateException("expected " + tokens + " cached tokens, found " + size);
        }
        long retained = after - before;
        return new Footprint(tokens, retained, (double) retained / tokens);
    }

    /**
     * Counts Cognito calls for {@code requests} requests spread round-robin over {@code tokens} tokens of
     * {@code tokens / 2} users (each user signs in twice), ours against a naive exchange per request.
     *
     * @param requests requests served
     * @param tokens distinct tokens
     * @return the counts
     */
    public static Calls calls(int requests, int tokens) {
        CognitoStub stub = new CognitoStub();
        String[] values = new String[tokens];
        for (int i = 0; i < tokens; i++) {
            values[i] = CognitoStub.token("acme", "user-" + (i / 2));
        }
        try (TenantClient client = stub.tenantClient().build()) {
            for (int r = 0; r < requests; r++) {
                client.session(values[r % tokens]).credentialsProvider().resolveCredentials();
            }
        }
        return new Calls(
                requests,
                tokens,
                stub.http().requests("GetId"),
                stub.http().requests("GetCredentialsForIdentity"),
                2L * requests);
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /**
     * Prints both figures.
     *
     * @param args optional token count (default 100,000)
     */
    public static void main(String[] args) {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Footprint f = footprint(tokens);
        System.out.printf(
                Locale.ROOT,
                "cached tokens: %,d  retained heap: %.1f MB  per token: %,.0f bytes%n",
                f.tokens(),
                f.retainedBytes() / 1e6,
                f.bytesPerToken());
        for (int n : new int[] {1, 10, 100, 1000}) {
            Calls c = calls(1000, n);
            System.out.printf(
                    Locale.ROOT,
                    "1,000 requests over %,5d tokens: ours %,d GetId + %,d GetCredentialsForIdentity"
                            + " = %,d calls; naive %,d calls%n",
                    n,
                    c.oursGetId(),
                    c.oursGetCredentials(),
                    c.oursGetId() + c.oursGetCredentials(),
                    c.naiveCalls());
        }
    }
}
