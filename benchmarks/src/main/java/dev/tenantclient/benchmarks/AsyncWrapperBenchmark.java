/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.benchmarks;

import dev.tenantclient.TenantAsyncBucket;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * {@code TenantAsyncBucket.putObject} against the raw {@code S3AsyncClient.putObject} on the same shared client, whose
 * async HTTP client answers at once with a canned response: the cost of key validation, the guard, per-request
 * credentials and the multipart layer (a 1 KiB body stays below its threshold).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class AsyncWrapperBenchmark {

    private CognitoStub cognito;
    private TenantClient client;
    private String token;
    private S3AsyncClient s3;
    private TenantAsyncBucket tenantBucket;
    private AwsCredentialsProvider sessionCredentials;
    private byte[] body;

    @Setup(Level.Trial)
    public void setUp() {
        s3 = S3AsyncClient.builder()
                .region(Region.US_EAST_1)
                .httpClient(new CannedAsyncHttpClient(r -> new CannedHttpClient.Answer(
                        200, Map.of("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\""), new byte[0])))
                // complete futures on the caller's thread (as AsyncTableBenchmark does), so the work and its
                // allocation stay on the thread that measures them
                .asyncConfiguration(c -> c.advancedOption(
                        SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, (Executor) Runnable::run))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIARAW", "raw-secret")))
                .build();
        cognito = new CognitoStub();
        client = cognito.tenantClient().s3AsyncClient(s3).build();
        token = CognitoStub.token("acme", "alice");
        TenantSession session = client.session(token);
        session.credentialsProvider().resolveCredentials();
        tenantBucket = session.asyncBucket("files");
        sessionCredentials = session.credentialsProvider();
        body = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        s3.close();
    }

    /** Raw S3AsyncClient.putObject of 1 KiB, waited for. */
    @Benchmark
    public PutObjectResponse rawAsyncPutObject() {
        return s3.putObject(r -> r.bucket("files").key("acme/reports/q1.txt"), AsyncRequestBody.fromBytes(body))
                .join();
    }

    /** Raw S3AsyncClient.putObject of 1 KiB with the tenant's credentials on the request, waited for. */
    @Benchmark
    public PutObjectResponse rawSessionCredentialsAsyncPutObject() {
        return s3.putObject(
                        r -> r.bucket("files")
                                .key("acme/reports/q1.txt")
                                .overrideConfiguration(o -> o.credentialsProvider(sessionCredentials)),
                        AsyncRequestBody.fromBytes(body))
                .join();
    }

    /** TenantAsyncBucket.putObject of 1 KiB, waited for. */
    @Benchmark
    public PutObjectResponse tenantAsyncPutObject() {
        return tenantBucket
                .putObject("reports/q1.txt", AsyncRequestBody.fromBytes(body))
                .join();
    }

    /** The asyncBucket() call a request handler makes (guard, clients, multipart layer). */
    @Benchmark
    public TenantAsyncBucket tenantSessionAsyncBucket() {
        return client.session(token).asyncBucket("files");
    }
}
