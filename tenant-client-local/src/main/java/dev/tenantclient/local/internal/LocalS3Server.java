/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An S3-compatible server in this JVM: s3proxy with its in-memory ("transient") blob store. It does not check
 * signatures (the IAM gateway in front of it does); requests reaching it directly are the stack's admin calls.
 */
public final class LocalS3Server implements AutoCloseable {

    private final S3Proxy proxy;
    private final int port;

    private LocalS3Server(S3Proxy proxy, int port) {
        this.proxy = proxy;
        this.port = port;
    }

    /**
     * Starts the server on a free loopback port.
     *
     * @return the running server
     */
    public static LocalS3Server start() {
        int port = LocalDynamoDb.freePort();
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("transient", new Properties()))
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.NONE, null, null)
                    .ignoreUnknownHeaders(true)
                    .jettyMaxThreads(64)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "s3proxy did not start within 10 s (state " + proxy.getState() + ")");
                }
                Thread.onSpinWait();
            }
            return new LocalS3Server(proxy, port);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the S3 server on port " + port, e);
        }
    }

    /** @return the endpoint, {@code http://127.0.0.1:<port>} (path-style addressing) */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the S3 server", e);
        }
    }
}
