/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wrappers' allocation per call against the raw SDK call on the same client and canned responses, the raw call
 * carrying the tenant's credentials on each request (what a multi-tenant application on one shared client pays).
 * Allocation per call is deterministic, unlike time, so the build can hold it: above {@value #LIMIT}× raw fails.
 * Measured on this thread with {@code com.sun.management.ThreadMXBean}, after a warm-up, over many calls; the
 * canned clients and the async clients' completion executor run on the calling thread.
 */
class AllocationRatioTest {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationRatioTest.class);
    private static final double LIMIT = 1.10;
    /**
     * The query paths are not under {@link #LIMIT} yet (issue 21: 1.12× sync, 1.14× async measured; what remains is
     * the response rebuild, whose item maps the SDK's builder copies once more): held where they are so they cannot
     * grow, until the rebuild goes.
     */
    private static final double QUERY_LIMIT = 1.16;

    private static final int WARM_UP = Integer.getInteger("allocation.warmUp", 500);
    private static final int CALLS = Integer.getInteger("allocation.calls", 200);

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static WrapperBenchmark sync;
    private static AsyncTableBenchmark asyncTable;
    private static AsyncWrapperBenchmark asyncBucket;
    private static final List<String> RATIOS = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        sync = new WrapperBenchmark();
        sync.setUp();
        asyncTable = new AsyncTableBenchmark();
        asyncTable.setUp();
        asyncBucket = new AsyncWrapperBenchmark();
        asyncBucket.setUp();
    }

    @AfterAll
    static void tearDown() {
        sync.tearDown();
        asyncTable.tearDown();
        asyncBucket.tearDown();
        LOG.info("allocation tenant/raw (per-request credentials): {}", RATIOS);
    }

    @Test
    void getItem() {
        assertRatio("getItem", sync::rawSessionCredentialsGetItem, sync::tenantGetItem);
    }

    @Test
    void putItem() {
        assertRatio("putItem", sync::rawSessionCredentialsPutItem, sync::tenantPutItem);
    }

    @Test
    void query() {
        assertRatio("query", sync::rawSessionCredentialsQuery, sync::tenantQuery, QUERY_LIMIT);
    }

    @Test
    void putObject() {
        assertRatio("putObject", sync::rawSessionCredentialsPutObject, sync::tenantPutObject);
    }

    @Test
    void asyncGetItem() {
        assertRatio("async getItem", asyncTable::rawSessionCredentialsGetItem, asyncTable::tenantGetItem);
    }

    @Test
    void asyncPutItem() {
        assertRatio("async putItem", asyncTable::rawSessionCredentialsPutItem, asyncTable::tenantPutItem);
    }

    @Test
    void asyncQuery() {
        assertRatio("async query", asyncTable::rawSessionCredentialsQuery, asyncTable::tenantQuery, QUERY_LIMIT);
    }

    @Test
    void asyncPutObject() {
        assertRatio(
                "async putObject", asyncBucket::rawSessionCredentialsAsyncPutObject, asyncBucket::tenantAsyncPutObject);
    }

    private static void assertRatio(String operation, Runnable raw, Runnable tenant) {
        assertRatio(operation, raw, tenant, LIMIT);
    }

    private static void assertRatio(String operation, Runnable raw, Runnable tenant, double limit) {
        for (int i = 0; i < WARM_UP; i++) {
            raw.run();
            tenant.run();
        }
        long rawBytes = bytesPerCall(raw);
        long tenantBytes = bytesPerCall(tenant);
        double ratio = (double) tenantBytes / rawBytes;
        String line =
                String.format(Locale.ROOT, "%s %,d -> %,d B/call (%.3fx)", operation, rawBytes, tenantBytes, ratio);
        synchronized (RATIOS) {
            RATIOS.add(line);
        }
        LOG.info("allocation {}", line);
        assertThat(ratio).as(line).isLessThanOrEqualTo(limit);
    }

    private static long bytesPerCall(Runnable call) {
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        return (THREADS.getThreadAllocatedBytes(thread) - before) / CALLS;
    }
}
