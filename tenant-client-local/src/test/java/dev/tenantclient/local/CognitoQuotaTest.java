/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.TenantClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.TooManyRequestsException;

/**
 * Cognito's request-rate quotas: the emulator enforces them as Cognito does, and the library keeps its own calls
 * under them, queueing callers in arrival order within their deadline.
 */
@ExtendWith(NoSecretsInLogs.class)
class CognitoQuotaTest {

    private static final AtomicInteger users = new AtomicInteger();

    @RegisterExtension
    static final OwnStack stack = OwnStack.start(b -> b);

    private TenantClient client;

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private static String token() {
        return stack.tokens()
                .token("quota-user-" + users.incrementAndGet())
                .org("acme")
                .build();
    }

    @Test
    void theEmulatorAnswersTooManyRequestsAboveTheQuota() throws Exception {
        stack.faults()
                .quota("cognito-identity:GetId", 5)
                .quota("cognito-identity:GetCredentialsForIdentity", CognitoIdentityEmulator.GET_CREDENTIALS_QUOTA);
        long before = stack.cognito().throttledCalls();
        try (CognitoIdentityClient raw = CognitoIdentityClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(stack.cognitoEndpoint())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(r -> r.maxAttempts(1)))
                .build()) {
            List<Throwable> errors = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String token = token();
                Throwable t = catchThrowable(() ->
                        raw.getId(r -> r.identityPoolId(stack.cognito().identityPoolId())
                                .logins(java.util.Map.of(stack.tokens().providerName(), token))));
                if (t != null) {
                    errors.add(t);
                }
            }
            assertThat(errors)
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e)
                            .isInstanceOf(TooManyRequestsException.class)
                            .hasMessageContaining("Rate exceeded"));
            assertThat(stack.cognito().throttledCalls() - before).isEqualTo(errors.size());
        }
    }

    @Test
    void theLibraryKeepsUnderTheDefaultQuotasAndServesEveryCallerWhoseDeadlineAllows() throws Exception {
        stack.faults()
                .quota("cognito-identity:GetId", CognitoIdentityEmulator.GET_ID_QUOTA)
                .quota("cognito-identity:GetCredentialsForIdentity", CognitoIdentityEmulator.GET_CREDENTIALS_QUOTA);
        client = stack.clientBuilder()
                .credentials(c -> c.exchangeTimeout(Duration.ofSeconds(20)))
                .build(); // default rate limits: Cognito's default quotas
        long throttledBefore = stack.cognito().throttledCalls();
        long getIdBefore = stack.cognito().getIdCalls();
        int n = 100; // four seconds of GetId quota, all at once
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(token());
        }
        ExecutorService callers = Executors.newFixedThreadPool(32);
        try {
            List<Future<String>> keys = new ArrayList<>();
            for (String token : tokens) {
                keys.add(callers.submit(() -> client.session(token)
                        .credentialsProvider()
                        .resolveCredentials()
                        .accessKeyId()));
            }
            for (Future<String> key : keys) {
                assertThat(key.get(1, TimeUnit.MINUTES)).startsWith("ASIA");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(stack.cognito().throttledCalls() - throttledBefore).isZero();
        assertThat(stack.cognito().getIdCalls() - getIdBefore).isEqualTo(n);
        assertThat(client.credentialsCache().stats().failures()).isZero();
    }

    @Test
    void aCallerWhoseTurnWouldComeAfterItsDeadlineFailsAtOnceWithoutACall() throws Exception {
        client = stack.clientBuilder()
                .credentials(c -> c.cognitoRateLimits(2, 200).exchangeTimeout(Duration.ofSeconds(2)))
                .build();
        long getIdBefore = stack.cognito().getIdCalls();
        ExecutorService callers = Executors.newFixedThreadPool(12);
        List<Future<Throwable>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                String token = token();
                results.add(callers.submit(() -> catchThrowable(
                        () -> client.session(token).credentialsProvider().resolveCredentials())));
            }
            int served = 0;
            for (Future<Throwable> r : results) {
                Throwable t = r.get(1, TimeUnit.MINUTES);
                if (t == null) {
                    served++;
                } else {
                    assertThat(t)
                            .isInstanceOf(CredentialsUnavailableException.class)
                            .hasMessageContaining("rate limit");
                }
            }
            assertThat(served).isBetween(1, 11);
            assertThat(stack.cognito().getIdCalls() - getIdBefore).isEqualTo(served);
            assertThat(client.credentialsCache().stats().failures()).isZero();
        } finally {
            callers.shutdownNow();
        }
    }
}
