/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The one way to make the local stack's emulated services misbehave: {@linkplain #inject(Fault) faults} for the next
 * matching calls and request-rate {@linkplain #quota(String, double) quotas}, for every emulated service alike (the
 * Cognito Identity emulator, and DynamoDB and S3 behind the IAM gateway). Get it from
 * {@link LocalTenantStack#faults()}.
 *
 * <pre>{@code
 * Faults faults = stack.faults();
 * faults.inject(Fault.throttling().on("cognito-identity:GetCredentialsForIdentity").times(3));
 * faults.inject(Fault.delay(Duration.ofSeconds(3)).on("cognito-identity:*"));
 * faults.quota("cognito-identity:GetId", CognitoIdentityEmulator.GET_ID_QUOTA);
 * ...
 * faults.clear();
 * }</pre>
 *
 * <p>Faults are served in the order injected: a call gets the first injected fault that names its operation and has
 * let its {@link Fault#after(int) after} calls through. A service that cannot produce a kind of fault (a gateway
 * cannot send half an answer) refuses it at {@link #inject(Fault)}. A service joins by registering its name and the
 * kinds it answers, then asking {@code next(operation)} and {@code admit(operation)} on each call. Thread-safe.
 */
public final class Faults {

    private final Map<String, Set<Fault.Kind>> services = new ConcurrentHashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, Quota> quotas = new ConcurrentHashMap<>();
    private final AtomicLong served = new AtomicLong();

    Faults() {}

    /**
     * Queues a fault for the operations it names, after any faults already queued.
     *
     * @param fault the fault, with its operations set by {@link Fault#on(String...)}
     * @return these faults
     * @throws IllegalArgumentException when the fault names no operation, or a service this stack does not emulate,
     *     or a service that cannot answer that kind of fault
     */
    public Faults inject(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        if (fault.operations().isEmpty()) {
            throw new IllegalArgumentException(
                    "say which operations the fault answers, such as .on(\"cognito-identity:GetId\"): " + fault);
        }
        for (String service : fault.services()) {
            Set<Fault.Kind> kinds = services.get(service);
            if (kinds == null) {
                throw new IllegalArgumentException("the local stack emulates no service '" + service + "'; it has "
                        + new TreeMap<>(services).keySet());
            }
            if (!kinds.contains(fault.kind())) {
                throw new IllegalArgumentException(
                        "the emulated " + service + " cannot answer " + fault + "; it answers " + kinds);
            }
        }
        synchronized (pending) {
            pending.add(new Pending(fault));
        }
        return this;
    }

    /**
     * Enforces a request-rate quota as AWS does: a call above the rate gets the service's throttling error. Each
     * operation has a token bucket refilled at its rate, holding at most one second's worth. Off by default.
     *
     * @param operation one operation, such as {@code cognito-identity:GetId}
     * @param perSecond calls per second; 0 turns the quota off
     * @return these faults
     * @throws IllegalArgumentException when the rate is negative or infinite
     */
    public Faults quota(String operation, double perSecond) {
        String key = Objects.requireNonNull(operation, "operation").toLowerCase(Locale.ROOT);
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("a quota is finite and zero or positive, was " + perSecond);
        }
        if (perSecond == 0) {
            quotas.remove(key);
        } else {
            quotas.put(key, new Quota(perSecond));
        }
        return this;
    }

    /**
     * Drops every queued fault and every quota: the services answer correctly again.
     *
     * @return these faults
     */
    public Faults clear() {
        synchronized (pending) {
            pending.clear();
        }
        quotas.clear();
        return this;
    }

    /**
     * Calls answered with an injected fault so far, every service together (quota throttling excluded).
     *
     * @return the count
     */
    public long served() {
        return served.get();
    }

    /**
     * Faults injected and not yet served to the end.
     *
     * @return the count
     */
    public int pending() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** A service joins: it answers the given kinds of faults on its operations ({@code service:*}). */
    void register(String service, Set<Fault.Kind> kinds) {
        services.put(service.toLowerCase(Locale.ROOT), Set.copyOf(kinds));
    }

    /**
     * The fault to answer a call with, or null to answer it correctly.
     *
     * @param operation the call's {@code service:Operation}
     * @return the fault, or null
     */
    @Nullable
    Fault next(String operation) {
        synchronized (pending) {
            Fault serve = null;
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (!p.fault.matches(operation)) {
                    continue;
                }
                if (p.skip > 0) {
                    p.skip--;
                    continue;
                }
                if (serve == null) {
                    serve = p.fault;
                    if (--p.left == 0) {
                        it.remove();
                    }
                }
            }
            if (serve != null) {
                served.incrementAndGet();
            }
            return serve;
        }
    }

    /**
     * Whether a call is within its operation's quota; false means the service answers its throttling error.
     *
     * @param operation the call's {@code service:Operation}
     * @return whether to answer the call
     */
    boolean admit(String operation) {
        Quota quota = quotas.get(operation.toLowerCase(Locale.ROOT));
        return quota == null || quota.tryTake();
    }

    @Override
    public String toString() {
        return "Faults{pending=" + pending() + ", quotas=" + quotas.keySet() + "}";
    }

    private static final class Pending {
        final Fault fault;
        int skip;
        int left;

        Pending(Fault fault) {
            this.fault = fault;
            this.skip = fault.after();
            this.left = fault.times();
        }
    }

    /** A token bucket: {@code perSecond} tokens a second, at most one second's worth held. */
    private static final class Quota {
        private final double perSecond;
        private double tokens;
        private long lastNanos = System.nanoTime();

        Quota(double perSecond) {
            this.perSecond = perSecond;
            this.tokens = perSecond;
        }

        synchronized boolean tryTake() {
            long now = System.nanoTime();
            tokens = Math.min(perSecond, tokens + (now - lastNanos) * perSecond / 1e9);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
