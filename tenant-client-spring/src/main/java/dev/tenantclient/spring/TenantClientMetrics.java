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
 * Micrometer meters for the credentials cache, named as Micrometer's own cache meters ({@code CacheMeterBinder}) so
 * that cache dashboards show it: {@code cache.size} (gauge) and {@code cache.gets} ({@code result=hit|miss}), both
 * tagged {@code cache=tenant-client}. Then {@code tenant.client.exchange} (timer, {@code refresh=true|false}: its
 * count is the number of successful exchanges, the one count of them), {@code tenant.client.exchange.failures}
 * ({@code cause}, {@code refresh}, {@code serving.cached}) and {@code tenant.client.getid.calls}. No tenant id is
 * used as a tag (unbounded cardinality).
 */
public final class TenantClientMetrics implements MeterBinder, CredentialsListener {

    /** The {@code cache} tag of the cache meters. */
    static final String CACHE = "tenant-client";

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
                        "cache.size",
                        client,
                        c -> c.getObject().credentialsCache().estimatedSize())
                .tag("cache", CACHE)
                .description("Tokens in the credentials cache")
                .register(registry);
        counter(registry, "cache.gets", "result", "hit", CredentialsStats::hits);
        counter(registry, "cache.gets", "result", "miss", CredentialsStats::misses);
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
                .tag("cache", CACHE)
                .tag(tag, value)
                .description("Credential lookups answered from the cache (hit) or by an exchange (miss)")
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
