/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import dev.tenantclient.local.LocalTokenIssuer.Forgery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forged tokens against a client built by {@link LocalTenantStack#clientBuilder()} (which verifies signatures with the
 * stack's JWKS): refused at {@code session()}, never cached, never sent to the Cognito emulator.
 */
class ForgedTokenTest {

    private static LocalTenantStack stack;
    private static TenantClient client;

    @BeforeAll
    static void start() {
        stack = TestStacks.shared();
        client = stack.clientBuilder().build();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                Arguments.of("unknown key", (Supplier<String>)
                        () -> stack.tokens().token("mallory").org("acme").forge(Forgery.UNKNOWN_KEY)),
                Arguments.of("wrong key, known kid", (Supplier<String>)
                        () -> stack.tokens().token("mallory").org("acme").forge(Forgery.WRONG_KEY)),
                Arguments.of("alg none", (Supplier<String>)
                        () -> stack.tokens().token("mallory").org("acme").forge(Forgery.ALG_NONE)),
                Arguments.of("HS256 with the public key", (Supplier<String>)
                        () -> stack.tokens().token("mallory").org("acme").forge(Forgery.HS256_WITH_PUBLIC_KEY)),
                Arguments.of("altered tenant", (Supplier<String>)
                        () -> LocalTokenIssuer.alterClaim(stack.issueToken("globex", "mallory"), "custom:org", "acme")),
                Arguments.of("altered subject", (Supplier<String>)
                        () -> LocalTokenIssuer.alterClaim(stack.issueToken("acme", "mallory"), "sub", "alice")),
                Arguments.of("altered expiry", (Supplier<String>) () -> LocalTokenIssuer.alterClaim(
                        stack.issueToken("acme", "mallory"),
                        "exp",
                        Instant.now().plus(Duration.ofDays(1)).getEpochSecond())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aForgedTokenNeverEntersTheCacheAndNeverReachesCognito(String kind, Supplier<String> forge) {
        String forged = forge.get();
        long size = client.credentialsCache().estimatedSize();
        long getId = stack.cognito().getIdCalls();
        long getCredentials = stack.cognito().getCredentialsCalls();

        assertThatThrownBy(() -> client.session(forged))
                .isInstanceOfSatisfying(
                        InvalidTenantTokenException.class,
                        e -> assertThat(e.reason()).isIn(Reason.REJECTED, Reason.MALFORMED))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(forged.substring(forged.lastIndexOf('.'))));
        assertThatThrownBy(() -> client.session(forged)).isInstanceOf(InvalidTenantTokenException.class);

        assertThat(client.credentialsCache().estimatedSize()).isEqualTo(size);
        assertThat(stack.cognito().getIdCalls()).isEqualTo(getId);
        assertThat(stack.cognito().getCredentialsCalls()).isEqualTo(getCredentials);
    }

    @Test
    void theStackServesItsIssuersKeysAndGenuineTokensVerify() {
        long before = stack.jwksRequests();
        try (TenantClient fresh = stack.clientBuilder().build()) {
            TenantSession session = fresh.session(stack.issueToken("acme", "genuine-gina"));
            assertThat(session.credentialsProvider().resolveCredentials().accessKeyId())
                    .isNotEmpty();
        }
        assertThat(stack.jwksRequests() - before).isEqualTo(1);
        assertThat(stack.jwksUrl().getPath()).isEqualTo("/" + LocalTenantStack.USER_POOL_ID + "/.well-known/jwks.json");
    }

    /**
     * 1,000 forged tokens per simulated second for ten seconds (the stack's clock moves one second per round), two
     * threads, while genuine users keep working: no Cognito call for any forged token, no error for a genuine user,
     * and the unknown key ids read the JWKS once (the first moment the ten-second interval allows it).
     */
    @Test
    void aBurstOfForgedTokensCostsNoCognitoCallAndNoGenuineUserSeesAnError() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (LocalTenantStack own = TestStacks.start(b -> b.clock(clock));
                TenantClient burstClient = own.clientBuilder().build()) {
            TenantSession alice = burstClient.session(own.issueToken("acme", "alice"));
            alice.credentialsProvider().resolveCredentials();

            Random random = new Random(17);
            List<String> forged = new ArrayList<>();
            Forgery[] kinds = Forgery.values();
            for (int i = 0; i < 200; i++) {
                String org = "org" + random.nextInt(50);
                forged.add(
                        i % 5 == 4
                                ? LocalTokenIssuer.alterClaim(own.issueToken("globex", "m" + i), "custom:org", org)
                                : own.tokens().token("m" + i).org(org).forge(kinds[i % kinds.length]));
            }
            long getId = own.cognito().getIdCalls();
            long getCredentials = own.cognito().getCredentialsCalls();
            long jwksReads = own.jwksRequests();
            AtomicInteger refused = new AtomicInteger();

            ExecutorService attackers = Executors.newFixedThreadPool(2);
            try {
                for (int second = 1; second <= 10; second++) {
                    clock.advance(Duration.ofSeconds(1));
                    List<Future<?>> work = new ArrayList<>();
                    for (int t = 0; t < 2; t++) {
                        int offset = t;
                        work.add(attackers.submit(() -> {
                            for (int i = offset; i < 1_000; i += 2) {
                                String token = forged.get(i % forged.size());
                                try {
                                    burstClient.session(token);
                                } catch (InvalidTenantTokenException e) {
                                    refused.incrementAndGet();
                                }
                            }
                        }));
                    }
                    // Genuine users during the burst: a known one, and a new one every second.
                    assertThat(burstClient
                                    .session(own.issueToken("acme", "alice"))
                                    .tenant()
                                    .org())
                            .isEqualTo("acme");
                    alice.credentialsProvider().resolveCredentials();
                    burstClient
                            .session(own.issueToken("initech", "user-" + second))
                            .credentialsProvider()
                            .resolveCredentials();
                    for (Future<?> f : work) {
                        f.get();
                    }
                }
            } finally {
                attackers.shutdownNow();
            }

            assertThat(refused.get()).isEqualTo(10_000);
            assertThat(own.cognito().getIdCalls() - getId).isEqualTo(10); // the ten new genuine users
            assertThat(own.cognito().getCredentialsCalls() - getCredentials).isEqualTo(10); // their tokens only
            // alice's first token, her ten later ones (each second's token is new), the ten new users' tokens
            assertThat(burstClient.credentialsCache().estimatedSize()).isEqualTo(1 + 10 + 10);
            assertThat(own.jwksRequests() - jwksReads).isEqualTo(1);
        }
    }
}
