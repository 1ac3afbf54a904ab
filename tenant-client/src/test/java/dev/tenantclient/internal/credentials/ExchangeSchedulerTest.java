/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExchangeSchedulerTest {

    @Test
    void atMostOneHundredRefreshesArePending() {
        ExchangeScheduler scheduler = new ExchangeScheduler(Runnable::run, 1);
        for (int i = 0; i < ExchangeScheduler.MAX_PENDING_REFRESHES; i++) {
            assertThat(scheduler.tryStartRefresh()).isTrue();
        }
        assertThat(scheduler.tryStartRefresh()).isFalse();
        scheduler.refreshEnded();
        assertThat(scheduler.tryStartRefresh()).isTrue();
    }

    @Test
    void aRefusedTaskIsReportedNotThrown() {
        RejectedExecutionException refusal = new RejectedExecutionException("full");
        ExchangeScheduler scheduler = new ExchangeScheduler(
                task -> {
                    throw refusal;
                },
                1);
        AtomicReference<Throwable> reported = new AtomicReference<>();
        scheduler.execute(() -> {}, 0, reported::set);
        assertThat(reported.get()).isSameAs(refusal);
    }

    @Test
    void afterCloseNoTaskRunsAndTheRefusalSaysClosed() {
        ExchangeScheduler scheduler = new ExchangeScheduler(null, 1);
        scheduler.close();
        assertThat(scheduler.closed()).isTrue();
        AtomicReference<Throwable> reported = new AtomicReference<>(new Throwable("not called"));
        boolean[] ran = {false};
        scheduler.execute(() -> ran[0] = true, 0, reported::set);
        assertThat(ran[0]).isFalse();
        assertThat(reported.get()).isNull(); // null: the cache closed, nothing to report
    }
}
