/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import dev.tenantclient.TokenVerifier;
import dev.tenantclient.credentials.CredentialsListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdRequest;

/**
 * Regression tests for the credentials cache's promises under failure (issue 25, D1–D13, and issue 16 item 6): each
 * test failed on the cache before the rewrite. Faults come from the emulator, errors from SDK interceptors, time
 * from the emulator's delays and a clock the test moves.
 */
@ExtendWith(NoSecretsInLogs.class)
class CredentialsPromisesTest {

    private static final MutableClock clock = MutableClock.atNow();
    private static final AtomicInteger users = new AtomicInteger();

    @RegisterExtension
    static final OwnStack stack = OwnStack.start(b -> b.clock(clock));

    private TenantClient client;
    private CognitoIdentityClient ownCognito;

    @AfterEach
    void closeClients() {
        if (client != null) {
            client.close();
        }
        if (ownCognito != null) {
            ownCognito.close();
        }
    }

    private static String newUser() {
        return "promise-user-" + users.incrementAndGet();
    }

    private static AwsCredentials resolve(TenantClient c, String token) {
        return c.session(token).credentialsProvider().resolveCredentials();
    }

    /** A Cognito client on the emulator with the given interceptor. */
    private CognitoIdentityClient cognitoWith(ExecutionInterceptor interceptor) {
        ownCognito = CognitoIdentityClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(stack.cognitoEndpoint())
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor))
                .build();
        return ownCognito;
    }

    private static void awaitWaiting(Thread thread) {
        await().until(() ->
                EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING).contains(thread.getState()));
    }

    /** Runs a call on a thread of its own, so the test can watch and interrupt it. */
    private static final class Caller {
        final CompletableFuture<AwsCredentials> result = new CompletableFuture<>();
        final AtomicBoolean interruptedAfter = new AtomicBoolean();
        final Thread thread;

        Caller(TenantClient c, String token) {
            thread = new Thread(() -> {
                try {
                    result.complete(resolve(c, token));
                } catch (Throwable t) {
                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                    result.completeExceptionally(t);
                }
            });
            thread.start();
        }
    }

    @Test
    void d1OneDeadlineCoversTheSlotGetIdAndGetCredentials() {
        // each Cognito answer is inside the 2 s timeout, their sum is not: the caller must not wait for the sum
        client = stack.clientBuilder()
                .credentials(c -> c.exchangeTimeout(Duration.ofSeconds(2)))
                .build();
        stack.faults()
                .inject(Fault.delay(Duration.ofMillis(1500))
                        .on("cognito-identity:*")
                        .times(2));

        assertThatThrownBy(() -> resolve(client, stack.acmeToken(newUser())))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("Timeout");
    }

    @Test
    void d2InterruptingTheCallerThatStartedAnExchangeFailsOnlyThatCaller() throws Exception {
        client = stack.clientBuilder()
                .credentials(c -> c.maxConcurrentExchanges(1).exchangeTimeout(Duration.ofSeconds(10)))
                .build();
        // another token holds the only slot for about a second
        stack.faults().inject(Fault.delay(Duration.ofMillis(1200)).on("cognito-identity:*"));
        Caller holder = new Caller(client, stack.acmeToken(newUser()));
        await().until(() -> stack.cognito().faultsServed() > 0);

        String token = stack.acmeToken(newUser());
        Caller owner = new Caller(client, token);
        awaitWaiting(owner.thread);
        Caller waiter = new Caller(client, token);
        awaitWaiting(waiter.thread);
        owner.thread.interrupt();

        assertThatThrownBy(() -> owner.result.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("Interrupted");
        assertThat(owner.interruptedAfter).isTrue();
        assertThat(waiter.result.get(10, TimeUnit.SECONDS).accessKeyId()).startsWith("ASIA");
        assertThat(holder.result.get(10, TimeUnit.SECONDS).accessKeyId()).startsWith("ASIA");
        assertThat(client.credentialsCache().stats().failures()).isZero();
    }

    @Test
    void d3AnErrorInGetIdNeverLeavesAWaiterBlockedNorASlotTaken() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger getIds = new AtomicInteger();
        CognitoIdentityClient failing = cognitoWith(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof GetIdRequest && getIds.incrementAndGet() == 1) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new StackOverflowError("injected");
                }
            }
        });
        // the interceptor is on a sync client: the stack's async one would take precedence over it
        client = stack.clientBuilder(false)
                .cognitoIdentityClient(failing)
                .credentials(c -> c.maxConcurrentExchanges(2).exchangeTimeout(Duration.ofSeconds(5)))
                .build();
        String subject = newUser();
        Caller first = new Caller(client, stack.acmeToken(subject));
        await().until(() -> getIds.get() == 1);
        Caller second = new Caller(client, stack.acmeToken(subject, Duration.ofMinutes(90)));
        awaitWaiting(second.thread);
        release.countDown();

        assertThatThrownBy(() -> first.result.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CredentialsUnavailableException.class);
        // the second token is not decided by the first one's failure: it asks for itself
        assertThat(second.result.get(10, TimeUnit.SECONDS).accessKeyId()).startsWith("ASIA");
        // both slots are free again: two new users exchange at once
        Caller a = new Caller(client, stack.acmeToken(newUser()));
        Caller b = new Caller(client, stack.acmeToken(newUser()));
        assertThat(a.result.get(10, TimeUnit.SECONDS).accessKeyId()).startsWith("ASIA");
        assertThat(b.result.get(10, TimeUnit.SECONDS).accessKeyId()).startsWith("ASIA");
        assertThat(client.credentialsCache().stats().failures()).isEqualTo(1);
    }

    @Test
    void d4AnErrorStartingARefreshNeitherReachesTheCallerNorStopsLaterRefreshes() {
        AtomicInteger submissions = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Executor flaky = task -> {
            if (submissions.incrementAndGet() == 2) { // the first refresh
                throw new OutOfMemoryError("unable to create native thread (injected)");
            }
            pool.execute(task);
        };
        try {
            client = stack.clientBuilder()
                    .credentials(c -> c.executor(flaky).retryBackoff(Duration.ofMillis(1), Duration.ofMillis(1)))
                    .build();
            String token = stack.acmeToken(newUser());
            AwsCredentials first = resolve(client, token);
            clock.advance(Duration.ofMinutes(56));

            assertThat(resolve(client, token).accessKeyId()).isEqualTo(first.accessKeyId());
            assertThat(client.credentialsCache().stats().failures()).isEqualTo(1);
            await().untilAsserted(() ->
                    assertThat(resolve(client, token).accessKeyId()).isNotEqualTo(first.accessKeyId()));
            assertThat(client.credentialsCache().stats().refreshes()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void d5CloseDuringABackgroundRefreshIsNotACognitoFailure() {
        List<String> failures = new CopyOnWriteArrayList<>();
        client = stack.clientBuilder()
                .credentials(c -> c.listener(new CredentialsListener() {
                    @Override
                    public void exchangeFailed(String cause, boolean refresh, boolean servingCached) {
                        failures.add(cause);
                    }
                }))
                .build();
        String token = stack.acmeToken(newUser());
        resolve(client, token);
        long served = stack.cognito().faultsServed();
        stack.faults().inject(Fault.delay(Duration.ofMillis(1500)).on("cognito-identity:*"));
        clock.advance(Duration.ofMinutes(56));
        resolve(client, token); // starts the refresh, which waits at Cognito
        await().until(() -> stack.cognito().faultsServed() > served);

        client.close();
        await().until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("tenant-client-credentials-")));
        assertThat(failures).isEmpty();
        assertThat(client.credentialsCache().stats().failures()).isZero();
    }

    @Test
    void fiveHundredTokensRefreshingAtOnceStayWithinTheThreadBound() throws Exception {
        client = stack.clientBuilder()
                .credentials(c -> c.maxConcurrentExchanges(8).cognitoRateLimits(0, 0))
                .build();
        List<String> tokens = new ArrayList<>();
        for (int u = 0; u < 50; u++) {
            String subject = newUser();
            for (int t = 0; t < 10; t++) {
                tokens.add(stack.acmeToken(subject, Duration.ofHours(2).plusSeconds(t)));
            }
        }
        Map<String, String> firstKeys = new ConcurrentHashMap<>();
        AtomicInteger maxThreads = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            resolveAll(callers, tokens, firstKeys, maxThreads);
            clock.advance(Duration.ofMinutes(56)); // every token is due for a refresh at once
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                Map<String, String> now = new ConcurrentHashMap<>();
                resolveAll(callers, tokens, now, maxThreads);
                assertThat(now).allSatisfy((token, key) -> assertThat(key).isNotEqualTo(firstKeys.get(token)));
            });
        } finally {
            callers.shutdownNow();
        }
        assertThat(client.credentialsCache().stats().refreshes()).isEqualTo(tokens.size());
        assertThat(maxThreads.get()).isPositive().isLessThanOrEqualTo(8);
    }

    private void resolveAll(
            ExecutorService callers, List<String> tokens, Map<String, String> keys, AtomicInteger maxThreads)
            throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            boolean sample = i % 25 == 0;
            done.add(callers.submit(() -> {
                keys.put(token, resolve(client, token).accessKeyId());
                if (sample) {
                    long live = Thread.getAllStackTraces().keySet().stream()
                            .filter(t -> t.getName().startsWith("tenant-client-credentials-"))
                            .count();
                    maxThreads.accumulateAndGet((int) live, Math::max);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void aSessionHeldAcrossInvalidateStopsServing() {
        client = stack.clientBuilder().build();
        String token = stack.acmeToken(newUser());
        TenantSession session = client.session(token);
        session.credentialsProvider().resolveCredentials();
        client.credentialsCache().invalidate(token);

        assertThatThrownBy(() -> session.credentialsProvider().resolveCredentials())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invalidated");
        assertThat(resolve(client, token).accessKeyId()).startsWith("ASIA");
    }

    @Test
    void d6CredentialsShorterLivedThanRefreshAheadAreNotRefreshedOnEveryCall() {
        try (LocalTenantStack shortLived = TestStacks.start(b -> b.credentialsLifetime(Duration.ofMinutes(4)));
                TenantClient c = shortLived.clientBuilder().build()) {
            String token = shortLived.tokens().token(newUser()).org("acme").build();
            for (int i = 0; i < 25; i++) {
                c.session(token).credentialsProvider().resolveCredentials();
            }
            // a refresh would run in the background: the count must stay at one while it could
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> shortLived.cognito().getCredentialsCalls() == 1);
        }
    }

    @Test
    void d8TheForegroundPathHonoursTheBackoff() {
        client = stack.clientBuilder()
                .credentials(c -> c.retryBackoff(Duration.ofMinutes(10), Duration.ofMinutes(10)))
                .build();
        String token = stack.acmeToken(newUser());
        resolve(client, token);
        stack.faults()
                .inject(Fault.error(400, "InvalidParameterException", "broken")
                        .on("cognito-identity:*")
                        .times(10_000));
        clock.advance(Duration.ofMinutes(56)); // refresh window: one background refresh fails
        resolve(client, token);
        await().until(() -> client.credentialsCache().stats().failures() == 1);
        clock.advance(Duration.ofMinutes(4)); // past the servable end, inside the 10-minute backoff
        long before = stack.cognito().getCredentialsCalls();

        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> resolve(client, token))
                    .isInstanceOf(CredentialsUnavailableException.class)
                    .hasMessageContaining("InvalidParameterException");
        }
        assertThat(stack.cognito().getCredentialsCalls() - before).isZero();
    }

    @Test
    void d8CredentialsTooShortLivedToServeAreNotAskedForOnEveryCall() {
        try (LocalTenantStack shortLived = TestStacks.start(b -> b.credentialsLifetime(Duration.ofSeconds(20)));
                TenantClient c = shortLived
                        .clientBuilder()
                        .credentials(s -> s.retryBackoff(Duration.ofMinutes(10), Duration.ofMinutes(10)))
                        .build()) {
            String token = shortLived.tokens().token(newUser()).org("acme").build();
            for (int i = 0; i < 50; i++) {
                assertThatThrownBy(() -> c.session(token).credentialsProvider().resolveCredentials())
                        .isInstanceOf(CredentialsUnavailableException.class)
                        .hasMessageContaining("sooner than the");
            }
            assertThat(shortLived.cognito().getCredentialsCalls()).isEqualTo(1);
        }
    }

    @Test
    void d9AGetIdAnswerWithoutAnIdentityIdIsNotCached() {
        client = stack.clientBuilder()
                .credentials(c -> c.retryBackoff(Duration.ofMillis(1), Duration.ofMillis(1)))
                .build();
        String subject = newUser();
        stack.faults()
                .inject(Fault.incompleteAnswer()
                        .on("cognito-identity:*")); // GetId answers 200 with an empty IdentityId
        assertThatThrownBy(() -> resolve(client, stack.acmeToken(subject)))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("GetId");

        assertThat(resolve(client, stack.acmeToken(subject, Duration.ofMinutes(90)))
                        .accessKeyId())
                .startsWith("ASIA");
    }

    @Test
    void d10NoTokenIsReachableFromAnExceptionsCauseChain() {
        client = stack.clientBuilder()
                .credentials(c -> c.exchangeTimeout(Duration.ofSeconds(5)))
                .build();
        String token = stack.acmeToken(newUser());
        String signature = token.substring(token.lastIndexOf('.') + 1);
        stack.faults()
                .inject(Fault.error(400, "NotAuthorizedException", "Invalid login token " + token)
                        .on("cognito-identity:*"));

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> resolve(client, token));
        assertThat(thrown).isInstanceOf(InvalidTenantTokenException.class);
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        assertThat(out.toString()).doesNotContain(signature).doesNotContain("eyJ");
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t)).doesNotContain(signature);
        }
    }

    @Test
    void d11ExpiredTokensLeaveTheCacheWithoutAnotherWrite() {
        LocalTenantStack shared = TestStacks.shared();
        try (TenantClient c = shared.clientBuilder().build()) {
            c.session(shared.tokens()
                    .token(newUser())
                    .org("acme")
                    .lifetime(Duration.ofSeconds(2))
                    .build());
            assertThat(c.credentialsCache().estimatedSize()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> c.credentialsCache().estimatedSize() == 0);
        }
    }

    @Test
    void d13IdentityIdLookupsAreNotCredentialHitsAndRefusedCallsAreNotMisses() {
        client = stack.clientBuilder().build();
        String token = stack.acmeToken(newUser());
        TenantSession session = client.session(token);
        session.credentialsProvider().resolveCredentials();
        long hits = client.credentialsCache().stats().hits();
        session.identityId();
        assertThat(client.credentialsCache().stats().hits()).isEqualTo(hits);

        String rejected = stack.acmeToken(newUser());
        stack.faults().inject(Fault.error(400, "NotAuthorizedException", "no").on("cognito-identity:*"));
        assertThatThrownBy(() -> resolve(client, rejected)).isInstanceOf(InvalidTenantTokenException.class);
        long misses = client.credentialsCache().stats().misses();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> resolve(client, rejected)).isInstanceOf(InvalidTenantTokenException.class);
        }
        assertThat(client.credentialsCache().stats().misses()).isEqualTo(misses);
    }

    @Test
    void aClosedClientRefusesNewExchanges() {
        client = stack.clientBuilder().build();
        String token = stack.acmeToken(newUser());
        TenantSession session = client.session(token);
        client.close();

        assertThatThrownBy(() -> session.credentialsProvider().resolveCredentials())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> client.session(token)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void issue16AForgedTokenWithTheVictimsSubjectDoesNotDecideTheGenuineTokensFate() throws Exception {
        // signature verification off (the default verifier would refuse the forgery first): the cache must hold
        client = stack.clientBuilder()
                .tokenVerifier(TokenVerifier.skipSignatureVerification())
                .build();
        String subject = newUser();
        String genuine = stack.acmeToken(subject);
        String forged = genuine.substring(0, genuine.lastIndexOf('.') + 1) + "AAAA"
                + genuine.substring(genuine.lastIndexOf('.') + 5);
        stack.faults()
                .inject(Fault.delay(Duration.ofSeconds(1))
                        .on("cognito-identity:*")); // the forged GetId is slow, then refused
        Caller attacker = new Caller(client, forged);
        await().until(() -> stack.cognito().faultsServed() > 0);
        Caller victim = new Caller(client, genuine);
        awaitWaiting(victim.thread);

        assertThatThrownBy(() -> attacker.result.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(InvalidTenantTokenException.class);
        assertThat(victim.result.get(10, TimeUnit.SECONDS).accessKeyId()).startsWith("ASIA");
        assertThat(resolve(client, genuine).accessKeyId()).startsWith("ASIA");
    }
}
