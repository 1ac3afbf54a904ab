/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.benchmarks;

import dev.tenantclient.TenantClient;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;

/**
 * Token to credentials: the library's warm cache against a naive exchange per request (GetId +
 * GetCredentialsForIdentity through the SDK, answered in memory, so the naive figure is a lower bound: a real
 * Cognito round trip adds tens of milliseconds).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CredentialsBenchmark {

    @Param({"10000"})
    public int tokens;

    private CognitoStub stub;
    private TenantClient client;
    private String[] tokenValues;

    @Setup(Level.Trial)
    public void setUp() {
        stub = new CognitoStub();
        client = stub.tenantClient()
                .credentials(c -> c.maximumTokens(tokens * 2L))
                .build();
        tokenValues = new String[tokens];
        for (int i = 0; i < tokens; i++) {
            // a fresh String per token, as a token arriving in a request header would be
            tokenValues[i] = CognitoStub.token("org" + (i % 100), "user-" + i);
            client.session(tokenValues[i]).credentialsProvider().resolveCredentials();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
    }

    private String anyToken() {
        return new String(tokenValues[ThreadLocalRandom.current().nextInt(tokens)]);
    }

    /** A cache hit: session lookup (hash of the token) plus credentials resolution. */
    @Benchmark
    public AwsCredentials cachedSessionAndCredentials() {
        return client.session(anyToken()).credentialsProvider().resolveCredentials();
    }

    /** The same under 64 threads: throughput and lock convoys. */
    @Benchmark
    @Threads(64)
    public AwsCredentials cachedSessionAndCredentials64Threads() {
        return client.session(anyToken()).credentialsProvider().resolveCredentials();
    }

    /** The naive baseline: GetId + GetCredentialsForIdentity on every request. */
    @Benchmark
    public GetCredentialsForIdentityResponse naiveExchangePerRequest() {
        String token = anyToken();
        Map<String, String> logins = Map.of("cognito-idp.us-east-1.amazonaws.com/" + CognitoStub.USER_POOL_ID, token);
        String id = stub.client()
                .getId(r -> r.identityPoolId(CognitoStub.IDENTITY_POOL_ID).logins(logins))
                .identityId();
        return stub.client().getCredentialsForIdentity(r -> r.identityId(id).logins(logins));
    }
}
