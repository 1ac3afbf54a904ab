/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs each benchmark once, briefly and in process, so the normal build proves they work; the figures come from
 * the full run documented in benchmarks/README.md, never from here.
 */
class BenchmarksSmokeTest {

    @Test
    void credentialBenchmarksRunAndProduceAScore() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(CredentialsBenchmark.class.getSimpleName()
                        + "\\.(cachedSessionAndCredentials|naiveExchangePerRequest)$")
                .param("tokens", "100")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .threads(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).hasSize(2);
        results.forEach(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void wrapperBenchmarksRunAndProduceAScore() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(WrapperBenchmark.class.getSimpleName() + "\\.(tenantGetItem|tenantQuery|tenantPutObject)$")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .threads(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).hasSize(3);
        results.forEach(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void asyncTableBenchmarksRunAndProduceAScore() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(AsyncTableBenchmark.class.getSimpleName() + "\\.(tenantGetItem|tenantPutItem|tenantQuery)$")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .threads(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).hasSize(3);
        results.forEach(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void asyncWrapperBenchmarksRunAndProduceAScore() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(AsyncWrapperBenchmark.class.getSimpleName() + "\\.(rawAsyncPutObject|tenantAsyncPutObject)$")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .threads(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).hasSize(2);
        results.forEach(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void cachedTokensCostOneExchangeEachAndUsersOneGetId() {
        CacheFootprint.Calls calls = CacheFootprint.calls(1000, 100);
        assertThat(calls.oursGetCredentials()).isEqualTo(100);
        assertThat(calls.oursGetId()).isEqualTo(50);
        assertThat(calls.naiveCalls()).isEqualTo(2000);
    }

    @Test
    void footprintIsMeasuredForEveryCachedToken() {
        CacheFootprint.Footprint f = CacheFootprint.footprint(500);
        assertThat(f.tokens()).isEqualTo(500);
    }
}
