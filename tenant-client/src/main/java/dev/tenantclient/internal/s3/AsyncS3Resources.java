/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.s3;

import dev.tenantclient.TenantClientException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.DelegatingS3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.internal.crt.S3CrtAsyncClient;
import software.amazon.awssdk.services.s3.internal.multipart.MultipartS3AsyncClient;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;

/**
 * The shared async S3 client, the multipart settings and the Transfer Manager's executor, built on first use.
 *
 * <p><b>Why the multipart layer is per tenant.</b> AWS SDK 2.40's Java-based multipart client ({@code
 * S3AsyncClient.builder().multipartEnabled(true)}) derives CreateMultipartUpload, UploadPart, CompleteMultipartUpload
 * and AbortMultipartUpload from a {@code PutObjectRequest} field by field and drops its override configuration
 * (aws-sdk-java-v2 issue 5386, fixed after 2.40 by pull request 6900): the parts of a large upload are signed with the
 * <em>client's</em> credentials, not the tenant's. So the shared client here is the plain one (a multipart-enabled
 * client handed in is unwrapped to the client below it), and each bucket puts the SDK's multipart layer
 * <em>above</em> a per-tenant client that checks and signs every request it derives. The CRT-based client signs
 * inside native code with the client's credentials whatever the request says (issue 5354), so it is refused.
 */
public final class AsyncS3Resources implements AutoCloseable {

    private static final String MULTIPART_CLASS =
            "software.amazon.awssdk.services.s3.internal.multipart.MultipartS3AsyncClient";

    private final Region region;
    private final UnaryOperator<S3AsyncClientBuilder> configure;
    private final @Nullable S3AsyncClient given;
    private final MultipartConfiguration multipart;
    private volatile @Nullable S3AsyncClient client;
    private volatile @Nullable ExecutorService executor;

    /**
     * Creates the resources.
     *
     * @param region the region for a client built here
     * @param given the application's client (checked with {@link #requireRequestCredentials}), or null to build one
     * @param multipart the multipart settings, or null for the SDK's defaults
     */
    public AsyncS3Resources(Region region, @Nullable S3AsyncClient given, @Nullable MultipartConfiguration multipart) {
        this(region, given, multipart, UnaryOperator.identity());
    }

    /**
     * Creates the resources, with the application's settings for a client built here.
     *
     * @param region the region for a client built here
     * @param given the application's client (checked with {@link #requireRequestCredentials}), or null to build one
     * @param multipart the multipart settings, or null for the SDK's defaults
     * @param configure adds the application's override configuration and HTTP client to a client built here
     */
    public AsyncS3Resources(
            Region region,
            @Nullable S3AsyncClient given,
            @Nullable MultipartConfiguration multipart,
            UnaryOperator<S3AsyncClientBuilder> configure) {
        this.region = region;
        this.configure = configure;
        this.given = given == null ? null : requireRequestCredentials(given);
        this.multipart = multipart == null ? MultipartConfiguration.builder().build() : multipart;
    }

    /**
     * Refuses a client that would sign some requests with its own credentials instead of the request's, and unwraps
     * the SDK's Java multipart layer (tenant-client adds its own above the tenant's credentials).
     *
     * @param client an application's client
     * @return the client requests are sent on
     * @throws IllegalArgumentException for a CRT-based client, or a multipart layer below another wrapper
     */
    public static S3AsyncClient requireRequestCredentials(S3AsyncClient client) {
        S3AsyncClient top = client;
        if (MULTIPART_CLASS.equals(top.getClass().getName())) {
            top = (S3AsyncClient) ((DelegatingS3AsyncClient) top).delegate();
        }
        SdkClient c = top;
        while (true) {
            if (c instanceof S3CrtAsyncClient) {
                throw new IllegalArgumentException("The CRT-based S3AsyncClient signs every request with the client's"
                        + " own credentials and ignores per-request credentials (aws-sdk-java-v2 issue 5354), so it"
                        + " cannot sign as each tenant; pass S3AsyncClient.builder()...build() (Java-based, multipart"
                        + " enabled or not) to TenantClient.builder().s3AsyncClient(...)");
            }
            if (MULTIPART_CLASS.equals(c.getClass().getName())) {
                throw new IllegalArgumentException("The S3AsyncClient wraps a multipart-enabled client below another"
                        + " layer; AWS SDK 2.40's multipart client signs upload parts with the client's credentials"
                        + " instead of the tenant's (aws-sdk-java-v2 issue 5386); pass the client without multipart"
                        + " (tenant-client adds the multipart layer above each tenant's credentials)");
            }
            if (c instanceof DelegatingS3AsyncClient d) {
                c = d.delegate();
            } else {
                return top;
            }
        }
    }

    /**
     * The shared client, built on first use with the default async HTTP client when none was given.
     *
     * @return the client (never multipart: see the class comment)
     * @throws TenantClientException when no async HTTP client is on the class path
     */
    public S3AsyncClient client() {
        S3AsyncClient c = given != null ? given : client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = build();
                    client = c;
                }
            }
        }
        return c;
    }

    private S3AsyncClient build() {
        try {
            return configure
                    .apply(S3AsyncClient.builder()
                            .region(region)
                            .credentialsProvider(AnonymousCredentialsProvider.create())
                            .multipartEnabled(false))
                    .build();
        } catch (SdkClientException e) {
            throw new TenantClientException(
                    "Cannot build the shared S3AsyncClient (" + e.getMessage() + "); add"
                            + " software.amazon.awssdk:netty-nio-client (or another async HTTP client) to the class"
                            + " path, or pass a client to TenantClient.builder().s3AsyncClient(...)",
                    e);
        }
    }

    /**
     * The SDK's multipart layer over one tenant's guarded client: every request it derives passes
     * {@link S3Guard#checkDerived} and is signed with the tenant's credentials.
     *
     * @param credentials the tenant's credentials
     * @param guard the tenant's boundary in the bucket
     * @return a multipart client for this tenant and bucket (closing it leaves the shared client open)
     */
    public S3AsyncClient multipartClient(AwsCredentialsProvider credentials, S3Guard guard) {
        return MultipartS3AsyncClient.create(
                TenantS3AsyncClient.derived(client(), credentials, guard), multipart, true);
    }

    /** @return the multipart settings */
    public MultipartConfiguration multipartConfiguration() {
        return multipart;
    }

    /**
     * The executor of every tenant's Transfer Manager: bounded, daemon threads, shut down with the client.
     *
     * @return the executor
     */
    public ExecutorService transferExecutor() {
        ExecutorService e = executor;
        if (e == null) {
            synchronized (this) {
                e = executor;
                if (e == null) {
                    AtomicInteger n = new AtomicInteger();
                    ThreadPoolExecutor pool = new ThreadPoolExecutor(
                            Runtime.getRuntime().availableProcessors() * 2,
                            Runtime.getRuntime().availableProcessors() * 2,
                            60,
                            TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>(10_000),
                            r -> {
                                Thread t = new Thread(r, "tenant-client-transfer-" + n.incrementAndGet());
                                t.setDaemon(true);
                                return t;
                            });
                    pool.allowCoreThreadTimeOut(true);
                    e = pool;
                    executor = e;
                }
            }
        }
        return e;
    }

    @Override
    public void close() {
        ExecutorService e = executor;
        if (e != null) {
            e.shutdown();
        }
        S3AsyncClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
