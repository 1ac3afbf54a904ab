/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.TenantObservations;
import dev.tenantclient.TokenVerifier;
import dev.tenantclient.credentials.CredentialsSettings;
import dev.tenantclient.internal.IdToken;
import dev.tenantclient.testing.TestTokens;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The per-token state machine against a scripted {@link CredentialsSource}: what any source (the identity pool, a
 * future STS source) gets from the cache around it.
 */
class TokenEntryTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final ScriptedSource source = new ScriptedSource();
    private final String token = TestTokens.token(NOW).build(); // exp: NOW + 1 h
    private TokenCache cache = cache(CredentialsSettings.builder()
            .refreshAhead(Duration.ofMinutes(10))
            .minimumValidity(Duration.ofMinutes(1))
            .exchangeTimeout(Duration.ofSeconds(5))
            .retryBackoff(Duration.ofHours(1), Duration.ofHours(1))
            .build());

    @AfterEach
    void close() {
        cache.close();
    }

    private TokenCache cache(CredentialsSettings settings) {
        return new TokenCache(
                counters -> source,
                "test",
                TestTokens.ISSUER,
                null,
                TenantLayout.org(),
                TokenVerifier.skipSignatureVerification(),
                settings,
                clock,
                TenantObservations.NONE);
    }

    /** Credentials expiring at NOW + 51 min: servable until NOW + 50 min (the token's exp is NOW + 1 h), refreshed at NOW + 30 min. */
    private static Issued issued(String accessKey) {
        AwsSessionCredentials credentials = AwsSessionCredentials.builder()
                .accessKeyId(accessKey)
                .secretAccessKey("secret")
                .sessionToken("session")
                .expirationTime(NOW.plus(Duration.ofMinutes(51)))
                .build();
        return new Issued(
                credentials,
                "us-east-1:identity",
                NOW.plus(Duration.ofMinutes(50)).toEpochMilli(),
                NOW.plus(Duration.ofMinutes(30)).toEpochMilli());
    }

    @Test
    void everyConcurrentCallerJoinsTheOneExchange() {
        CompletableFuture<Issued> gate = new CompletableFuture<>();
        source.next.add(gate);
        TokenEntry entry = cache.entry(token);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<AwsCredentials>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(CompletableFuture.supplyAsync(entry::credentials, callers));
            }
            answers.add(entry.credentialsAsync().thenApply(AwsCredentials.class::cast));
            until(() -> cache.stats().misses() == 9);

            Issued issued = issued("AKIDONE");
            gate.complete(issued);

            for (CompletableFuture<AwsCredentials> answer : answers) {
                assertThat(answer.join()).isSameAs(issued.credentials());
            }
            assertThat(source.calls).hasValue(1);
            assertThat(cache.stats().exchanges()).isEqualTo(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void failedRefreshKeepsServingUntilTheCredentialsStopBeingServable() {
        Issued first = issued("AKIDFIRST");
        source.next.add(CompletableFuture.completedFuture(first));
        TokenEntry entry = cache.entry(token);
        assertThat(entry.credentials()).isSameAs(first.credentials());

        clock.set(NOW.plus(Duration.ofMinutes(40))); // past refreshAt: the hit starts a refresh, which fails
        source.next.add(CompletableFuture.failedFuture(new IllegalStateException("service down")));
        assertThat(entry.credentials()).isSameAs(first.credentials());
        until(() -> cache.stats().failures() == 1);
        assertThat(entry.credentials()).isSameAs(first.credentials()); // stale on error, inside the backoff
        assertThat(source.calls).hasValue(2);

        clock.set(NOW.plus(Duration.ofMinutes(49)).plusSeconds(59)); // still servable: one second left
        assertThat(entry.credentials()).isSameAs(first.credentials());
        clock.set(NOW.plus(Duration.ofMinutes(50))); // never served past the servable end: the last failure instead
        assertThatThrownBy(entry::credentials)
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("service down");
        assertThat(source.calls).hasValue(2);
    }

    @Test
    void failureInsideTheBackoffIsAnsweredWithoutAnExchange() {
        source.next.add(CompletableFuture.failedFuture(new IllegalStateException("service down")));
        TokenEntry entry = cache.entry(token);
        assertThatThrownBy(entry::credentials)
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("did not issue credentials for tenant 'acme'");
        assertThatThrownBy(entry::credentials)
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("did not issue credentials for tenant 'acme'");
        assertThat(source.calls).hasValue(1);
        assertThat(cache.stats().refused()).isEqualTo(1);
        assertThat(cache.stats().failures()).isEqualTo(1);
    }

    @Test
    void aTokenTheSourceRefusesStaysRefused() {
        source.next.add(CompletableFuture.failedFuture(new Refused("no such login " + token)));
        TokenEntry entry = cache.entry(token);
        assertThatThrownBy(entry::credentials)
                .isInstanceOfSatisfying(
                        InvalidTenantTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTenantTokenException.Reason.REJECTED))
                .hasMessageContaining("Scripted rejected the token for tenant 'acme'")
                .hasMessageNotContaining(token);
        assertThatThrownBy(() -> entry.credentialsAsync().join()).hasCauseInstanceOf(InvalidTenantTokenException.class);
        assertThat(source.calls).hasValue(1);
        assertThat(cache.stats().refused()).isEqualTo(1);
    }

    @Test
    void invalidatedEntryServesNoMore() {
        source.next.add(CompletableFuture.completedFuture(issued("AKIDONE")));
        TokenEntry entry = cache.entry(token);
        entry.credentials();
        cache.invalidate(token);
        assertThatThrownBy(entry::credentials).isInstanceOf(IllegalStateException.class);
        assertThat(cache.entry(token)).isNotSameAs(entry);
    }

    @Test
    void aCacheHitAllocatesAlmostNothing() {
        source.next.add(CompletableFuture.completedFuture(issued("AKIDONE")));
        cache.entry(token).credentials();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int rounds = 20_000;
        for (int i = 0; i < rounds; i++) { // warm up: let the JIT remove what escape analysis can
            hit();
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < rounds; i++) {
            hit();
        }
        long perHit = (threads.getThreadAllocatedBytes(id) - before) / rounds;
        // entry lookup + sync credentials + async credentials (one completed future): well under 128 B
        assertThat(perHit).isLessThan(128);
        assertThat(cache.stats().hits()).isEqualTo(4L * rounds);
    }

    /** Waits for a condition other threads make true (this module has no Awaitility); fails after 30 s. */
    private static void until(BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - end)
                    .as("condition not met within 30 s")
                    .isNegative();
            Thread.onSpinWait();
        }
    }

    private void hit() {
        TokenEntry entry = cache.entry(token);
        entry.credentials();
        var unused = entry.credentialsAsync();
    }

    /** The source's refusal of a token. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** Answers each exchange with the next scripted future. */
    private static final class ScriptedSource implements CredentialsSource {
        final Queue<CompletableFuture<Issued>> next = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String serviceName() {
            return "Scripted";
        }

        @Override
        public synchronized CompletableFuture<Issued> exchange(String token, IdToken claims, Deadline deadline) {
            calls.incrementAndGet();
            CompletableFuture<Issued> answer = next.poll();
            return answer != null ? answer : CompletableFuture.failedFuture(new IllegalStateException("unscripted"));
        }

        @Override
        public boolean refusesToken(Throwable failure) {
            return failure instanceof Refused;
        }
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
