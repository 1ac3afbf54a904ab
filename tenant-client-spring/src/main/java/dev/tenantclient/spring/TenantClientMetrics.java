/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;
import dev.tenantclient.credentials.CredentialsListener;
import dev.tenantclient.credentials.CredentialsStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Micrometer meters for the credentials cache: {@code tenant.client.cache.size} (gauge),
 * {@code tenant.client.cache.requests} ({@code result=hit|miss}), {@code tenant.client.exchanges} and
 * {@code tenant.client.getid.calls} (counters from the cache's statistics), {@code tenant.client.exchange}
 * (timer, {@code refresh=true|false}) and {@code tenant.client.exchange.failures} ({@code cause},
 * {@code refresh}, {@code serving.cached}). No tenant id is used as a tag (unbounded cardinality).
 */
public final class TenantClientMetrics implements MeterBinder, CredentialsListener {

    private final ObjectProvider<TenantClient> client;
    private volatile MeterRegistry registry;

    /**
     * Creates the meters' binder.
     *
     * @param client the client (looked up lazily: it is built with this object as its listener)
     */
    public TenantClientMetrics(ObjectProvider<TenantClient> client) {
        this.client = client;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(
                        "tenant.client.cache.size",
                        client,
                        c -> c.getObject().credentialsCache().estimatedSize())
                .description("Tokens in the credentials cache")
                .register(registry);
        counter(registry, "tenant.client.cache.requests", "result", "hit", CredentialsStats::hits);
        counter(registry, "tenant.client.cache.requests", "result", "miss", CredentialsStats::misses);
        FunctionCounter.builder(
                        "tenant.client.exchanges",
                        client,
                        c -> c.getObject().credentialsCache().stats().exchanges())
                .description("Cognito GetCredentialsForIdentity exchanges that succeeded")
                .register(registry);
        FunctionCounter.builder(
                        "tenant.client.getid.calls",
                        client,
                        c -> c.getObject().credentialsCache().stats().getIdCalls())
                .description("Cognito GetId calls")
                .register(registry);
    }

    private void counter(
            MeterRegistry registry, String name, String tag, String value, ToDoubleFunction<CredentialsStats> f) {
        FunctionCounter.builder(
                        name,
                        client,
                        c -> f.applyAsDouble(c.getObject().credentialsCache().stats()))
                .tag(tag, value)
                .register(registry);
    }

    @Override
    public void exchangeSucceeded(Duration latency, boolean refresh) {
        MeterRegistry r = registry;
        if (r != null) {
            Timer.builder("tenant.client.exchange")
                    .tag("refresh", Boolean.toString(refresh))
                    .description("Cognito token exchanges")
                    .register(r)
                    .record(latency);
        }
    }

    @Override
    public void exchangeFailed(String cause, boolean refresh, boolean servingCached) {
        MeterRegistry r = registry;
        if (r != null) {
            Counter.builder("tenant.client.exchange.failures")
                    .tag("cause", cause)
                    .tag("refresh", Boolean.toString(refresh))
                    .tag("serving.cached", Boolean.toString(servingCached))
                    .description("Failed Cognito token exchanges")
                    .register(r)
                    .increment();
        }
    }
}
