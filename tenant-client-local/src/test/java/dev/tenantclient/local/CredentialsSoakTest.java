/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import dev.tenantclient.credentials.CredentialsStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Random Cognito faults, clock jumps and invalidations while many threads ask for credentials of many tokens; every
 * call is checked against every promise: credentials belong to the token's user and tenant, are never served past
 * their expiry (less the minimum validity) nor past the token's {@code exp}; a failure is one of the documented
 * exceptions, arrives within the deadline, and carries no token anywhere in its chain.
 *
 * <p>Runs 15 s in the suite; {@code -Dsoak.seconds=300} for longer. Seeded: {@code -Dsoak.seed=N} replays the
 * chaos schedule (thread interleaving still varies).
 */
@ExtendWith(NoSecretsInLogs.class)
class CredentialsSoakTest {

    private static final Logger log = LoggerFactory.getLogger(CredentialsSoakTest.class);
    private static final int THREADS = 12;
    private static final int USERS = 40;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration MINIMUM_VALIDITY = Duration.ofSeconds(30);

    private record Token(String raw, String subject, String org, Instant expiresAt) {}

    @Test
    void everyPromiseHoldsOnEveryCallUnderRandomFaultsClockJumpsAndInvalidations() throws Exception {
        long seconds = Long.getLong("soak.seconds", 15);
        long seed = Long.getLong("soak.seed", System.nanoTime());
        log.info("Soak: {} s, seed {}", seconds, seed);
        MutableClock clock = MutableClock.atNow();
        List<String> violations = new CopyOnWriteArrayList<>();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        try (LocalTenantStack stack = TestStacks.start(b -> b.clock(clock));
                TenantClient client = stack.clientBuilder()
                        .credentials(c -> c.exchangeTimeout(TIMEOUT)
                                .minimumValidity(MINIMUM_VALIDITY)
                                .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(300))
                                .maxConcurrentExchanges(4)
                                .maximumTokens(100))
                        .build()) {
            List<Token> tokens = new CopyOnWriteArrayList<>();
            Random setup = new Random(seed);
            for (int i = 0; i < 150; i++) {
                tokens.add(newToken(stack, clock, setup));
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < THREADS; w++) {
                    Random random = new Random(seed + w);
                    workers.add(pool.submit(() -> {
                        long calls = 0;
                        while (System.nanoTime() < end) {
                            if (++calls % 40 == 0) {
                                chaos(stack, client, clock, tokens, random);
                            }
                            Token token = tokens.get(random.nextInt(tokens.size()));
                            String outcome = call(stack, client, clock, token, violations);
                            outcomes.computeIfAbsent(outcome, k -> new LongAdder())
                                    .increment();
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get(seconds + 120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
                stack.faults().clear();
            }
            CredentialsStats stats = client.credentialsCache().stats();
            log.info("Soak outcomes {}, stats {}", outcomes, stats);
            assertThat(violations).isEmpty();
            assertThat(outcomes).containsKey("served");
            long calls = outcomes.values().stream().mapToLong(LongAdder::sum).sum();
            assertThat(stats.hits() + stats.misses() + stats.refused()).isLessThanOrEqualTo(calls);
        }
    }

    private static Token newToken(LocalTenantStack stack, MutableClock clock, Random random) {
        String subject = "soak-user-" + random.nextInt(USERS);
        String org = "soak" + (subject.hashCode() & 7);
        Duration lifetime = Duration.ofMinutes(20 + random.nextInt(120));
        Instant issued = clock.instant();
        String raw = stack.tokens()
                .token(subject)
                .org(org)
                .issuedAt(issued)
                .lifetime(lifetime)
                .build();
        return new Token(
                raw, subject, org, Instant.ofEpochSecond(issued.plus(lifetime).getEpochSecond()));
    }

    private static void chaos(
            LocalTenantStack stack, TenantClient client, MutableClock clock, List<Token> tokens, Random random) {
        switch (random.nextInt(9)) {
            case 0 ->
                stack.faults()
                        .inject(Fault.throttling().on("cognito-identity:*").times(1 + random.nextInt(5)));
            case 1 ->
                stack.faults()
                        .inject(Fault.internalError().on("cognito-identity:*").times(1 + random.nextInt(5)));
            case 2 ->
                stack.faults()
                        .inject(Fault.delay(Duration.ofMillis(200 + random.nextInt(2500)))
                                .on("cognito-identity:*"));
            case 3 -> stack.faults().inject(Fault.incompleteAnswer().on("cognito-identity:*"));
            case 4 -> clock.advance(Duration.ofSeconds(random.nextInt(900)));
            case 5 ->
                client.credentialsCache()
                        .invalidate(tokens.get(random.nextInt(tokens.size())).raw());
            case 6 -> {
                if (random.nextInt(10) == 0) {
                    client.credentialsCache().invalidateAll();
                }
            }
            case 7 -> tokens.set(random.nextInt(tokens.size()), newToken(stack, clock, random));
            default ->
                stack.faults()
                        .inject(Fault.error(400, "NotAuthorizedException", "no").on("cognito-identity:*"));
        }
    }

    /** One call, checked; returns the outcome's name. */
    private static String call(
            LocalTenantStack stack, TenantClient client, MutableClock clock, Token token, List<String> violations) {
        Instant before = clock.instant();
        long started = System.nanoTime();
        try {
            TenantSession session = client.session(token.raw());
            AwsSessionCredentials credentials =
                    (AwsSessionCredentials) session.credentialsProvider().resolveCredentials();
            CognitoIdentityEmulator.IssuedCredentials issued =
                    stack.cognito().issued(credentials.accessKeyId()).orElse(null);
            if (issued == null || !issued.subject().equals(token.subject())) {
                violations.add("credentials of another user served for " + token.subject());
            } else if (!token.org().equals(issued.principalTags().get("org"))) {
                violations.add("credentials of another tenant served for " + token.org());
            }
            Instant expiration = credentials.expirationTime().orElseThrow();
            if (!expiration.minus(MINIMUM_VALIDITY).isAfter(before)) {
                violations.add(
                        "credentials served inside their minimum validity: expire " + expiration + ", now " + before);
            }
            if (!token.expiresAt().isAfter(before)) {
                violations.add("credentials served past the token's exp " + token.expiresAt() + ", now " + before);
            }
            return "served";
        } catch (RuntimeException e) {
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            if (waitedMillis > TIMEOUT.toMillis() + 4_000) { // slack for a loaded machine; three timeouts would show
                violations.add("a caller waited " + waitedMillis + " ms with a " + TIMEOUT + " deadline: " + e);
            }
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            String signature = token.raw().substring(token.raw().lastIndexOf('.') + 1);
            if (trace.toString().contains(signature) || trace.toString().contains("eyJ")) {
                violations.add("a token in an exception chain: " + e.getClass().getName());
            }
            if (e instanceof InvalidTenantTokenException invalid) {
                return "invalid:" + invalid.reason();
            }
            if (e instanceof CredentialsUnavailableException) {
                return "unavailable";
            }
            if (e instanceof IllegalStateException
                    && String.valueOf(e.getMessage()).contains("invalidated")) {
                return "invalidated";
            }
            violations.add("an undocumented exception: " + e);
            return "other";
        }
    }
}
