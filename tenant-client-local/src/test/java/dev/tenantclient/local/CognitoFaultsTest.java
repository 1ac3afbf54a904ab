/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * Cognito throttling, 5xx, timeouts and slow answers, injected at the emulator while the SDK's own client (with
 * its default retries) talks to it. The SDK retries throttling and 5xx with backoff inside the exchange; the
 * timeout case gives the exchange one second against a three-second answer.
 */
@ExtendWith(NoSecretsInLogs.class)
class CognitoFaultsTest {

    private static final MutableClock clock = MutableClock.atNow();
    private static final AtomicInteger users = new AtomicInteger();

    @RegisterExtension
    static final OwnStack stack = OwnStack.start(b -> b.clock(clock));

    private TenantClient client;

    @AfterEach
    void closeClient() {
        client.close();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("throttling", Fault.throttling(), "TooManyRequestsException", Duration.ofSeconds(10)),
                Arguments.of("internal error", Fault.internalError(), "InternalErrorException", Duration.ofSeconds(10)),
                Arguments.of("503", Fault.serviceUnavailable(), "ServiceUnavailableException", Duration.ofSeconds(10)),
                Arguments.of("timeout", Fault.delay(Duration.ofSeconds(3)), "Timeout", Duration.ofSeconds(1)));
    }

    private TenantSession newSession() {
        // one deadline covers GetId and GetCredentialsForIdentity (and the SDK's retries): leave room for both
        return newSession(Duration.ofSeconds(5));
    }

    private TenantSession newSession(Duration exchangeTimeout) {
        client = stack.clientBuilder()
                .credentials(c ->
                        c.exchangeTimeout(exchangeTimeout).retryBackoff(Duration.ofMillis(1), Duration.ofMillis(1)))
                .build();
        return client.session(stack.acmeToken("fault-user-" + users.incrementAndGet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void withValidCredentialsCachedManyCallersKeepWorking(String name, Fault fault, String cause, Duration timeout)
            throws Exception {
        TenantSession session = newSession(timeout);
        AwsCredentials cached = session.credentialsProvider().resolveCredentials();
        stack.faults().inject(fault.on("cognito-identity:*").times(1_000));
        clock.advance(Duration.ofMinutes(56)); // inside the refresh window: every call wants a refresh

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> keys = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                keys.add(pool.submit(
                        () -> session.credentialsProvider().resolveCredentials().accessKeyId()));
            }
            for (Future<String> key : keys) {
                assertThat(key.get(30, TimeUnit.SECONDS)).isEqualTo(cached.accessKeyId());
            }
        } finally {
            pool.shutdownNow();
        }
        await().until(() -> client.credentialsCache().stats().failures() > 0);
        assertThat(session.credentialsProvider().resolveCredentials().accessKeyId())
                .isEqualTo(cached.accessKeyId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void withNothingCachedCallersGetCredentialsUnavailable(String name, Fault fault, String cause, Duration timeout) {
        TenantSession session = newSession(timeout);
        stack.faults().inject(fault.on("cognito-identity:*").times(1_000));

        assertThatThrownBy(() -> session.credentialsProvider().resolveCredentials())
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("tenant 'acme'")
                .hasMessageContaining(cause)
                .hasMessageContaining("retry later");
    }

    @Test
    void aSlowAnswerWithinTheTimeoutIsWaitedFor() {
        TenantSession session = newSession();
        stack.faults()
                .inject(Fault.delay(Duration.ofMillis(300))
                        .on("cognito-identity:*")
                        .times(2));

        assertThat(session.credentialsProvider().resolveCredentials().accessKeyId())
                .startsWith("ASIA");
    }

    @Test
    void afterTheFaultsClearTheNextCallSucceeds() {
        TenantSession session = newSession();
        stack.faults().inject(Fault.throttling().on("cognito-identity:*").times(1_000));
        assertThatThrownBy(() -> session.credentialsProvider().resolveCredentials())
                .isInstanceOf(CredentialsUnavailableException.class);

        stack.faults().clear();

        assertThat(session.credentialsProvider().resolveCredentials().accessKeyId())
                .startsWith("ASIA");
    }
}
