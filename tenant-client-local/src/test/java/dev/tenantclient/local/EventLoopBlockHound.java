/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound's rules for {@link AsyncBlockHoundTest}, found by its service loader when the JUnit platform integration
 * installs it (only in the surefire execution that runs that test). Threads named {@code test-event-loop-*} (the
 * test's own event loop) and the SDK's netty event loops are non-blocking; a blocking call on one is recorded, with
 * its stack, instead of thrown (a throw inside the SDK or netty could be swallowed and pass unseen).
 */
public final class EventLoopBlockHound implements BlockHoundIntegration {

    /** Every blocking call seen on a non-blocking thread since the last {@code clear()}. */
    static final List<Throwable> DETECTED = new CopyOnWriteArrayList<>();

    /** The name prefix of the test's own event-loop threads. */
    static final String EVENT_LOOP = "test-event-loop-";

    /**
     * The name prefix of the credentials-exchange pool threads a test marks non-blocking too: with the async Cognito
     * client, not even the exchange pool may wait for Cognito.
     */
    static final String EXCHANGE_POOL = "test-exchange-pool-";

    /** Whether BlockHound was installed with these rules in this JVM (only in the blockhound execution). */
    static volatile boolean installed;

    @Override
    public void applyTo(BlockHound.Builder builder) {
        installed = true;
        builder.nonBlockingThreadPredicate(
                        current -> current.or(t -> t.getName().startsWith(EVENT_LOOP)
                                || t.getName().startsWith(EXCHANGE_POOL)
                                || t.getName().startsWith("aws-java-sdk-NettyEventLoop")))
                // the test's event loop is a thread pool: an idle worker waits for its next task (a real event loop
                // waits in its selector, which netty's own BlockHound integration allows)
                .allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "getTask")
                // the SDK's signer keeps a pool of message digests in a LinkedBlockingDeque; two threads signing at
                // once can meet on its lock for the time of a poll (seen on JDK 25): not a wait for I/O or Cognito
                .allowBlockingCallsInside("software.amazon.awssdk.checksums.internal.DigestAlgorithm", "getDigest")
                .allowBlockingCallsInside(
                        "software.amazon.awssdk.checksums.internal.DigestAlgorithm$CloseableMessageDigest", "close")
                // the SDK's signing-key cache (a FifoCache behind a read-write lock): readers meet a writer when many
                // new credentials sign at once (1,000 tokens), for the time of a map update
                .allowBlockingCallsInside("software.amazon.awssdk.utils.cache.FifoCache", "get")
                .allowBlockingCallsInside("software.amazon.awssdk.utils.cache.FifoCache", "add")
                .blockingMethodCallback(method -> DETECTED.add(new AssertionError("Blocking call " + method + " on "
                        + Thread.currentThread().getName())));
    }
}
