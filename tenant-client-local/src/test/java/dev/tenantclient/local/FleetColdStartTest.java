/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantClient;
import dev.tenantclient.credentials.DynamoDbIdentityIdStore;
import dev.tenantclient.credentials.IdentityIdStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet cold start: several {@code TenantClient}s (instances) share one Cognito emulator enforcing the default
 * quotas and one {@link DynamoDbIdentityIdStore} on DynamoDB Local. Every user signs in once: {@code GetId} is
 * answered exactly once per user across the fleet, no caller sees an error, and after every instance restarts (users
 * landing on other instances) {@code GetId} is not called at all.
 *
 * <p>{@code -Dfleet.users=10000} runs the figure of issue 17 (about seven minutes, {@code GetId} at 25/s); the suite
 * runs 200 users.
 */
@ExtendWith(NoSecretsInLogs.class)
class FleetColdStartTest {

    private static final Logger log = LoggerFactory.getLogger(FleetColdStartTest.class);
    private static final int INSTANCES = 4;
    private static final int USERS = Integer.getInteger("fleet.users", 200);

    @Test
    void everyUserCostsOneGetIdAcrossTheFleetAndNoneAfterARestart() throws Exception {
        try (LocalTenantStack stack = TestStacks.start(b -> b)) {
            stack.faults()
                    .quota("cognito-identity:GetId", CognitoIdentityEmulator.GET_ID_QUOTA)
                    .quota("cognito-identity:GetCredentialsForIdentity", CognitoIdentityEmulator.GET_CREDENTIALS_QUOTA);
            stack.adminDynamoDbClient().createTable(DynamoDbIdentityIdStore.createTableRequest("identity-ids"));
            IdentityIdStore store = DynamoDbIdentityIdStore.create(stack.adminDynamoDbClient(), "identity-ids");
            List<String> tokens = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                tokens.add(stack.tokens()
                        .token("fleet-user-" + u)
                        .org("org" + (u % 50))
                        .build());
            }

            long started = System.nanoTime();
            int errors = signIn(stack, store, tokens, 0);
            long coldMillis = (System.nanoTime() - started) / 1_000_000;
            long getIds = 0;
            for (int u = 0; u < USERS; u++) {
                getIds += stack.cognito().getIdCalls("fleet-user-" + u); // answered calls, per user
            }
            long getIdRequests = stack.cognito().getIdCalls(); // throttled attempts (retried by the SDK) included
            long throttled = stack.cognito().throttledCalls();

            started = System.nanoTime();
            int errorsAfterRestart = signIn(stack, store, tokens, 1);
            long restartMillis = (System.nanoTime() - started) / 1_000_000;
            long getIdsAfterRestart = stack.cognito().getIdCalls() - getIdRequests;

            log.info(
                    "Fleet of {} instances, {} users: cold start {} ms, {} GetId answered ({} requests), {} throttled at"
                            + " Cognito and retried, {} errors to callers; after restarting every instance: {} ms, {}"
                            + " GetId calls, {} errors",
                    INSTANCES,
                    USERS,
                    coldMillis,
                    getIds,
                    getIdRequests,
                    throttled,
                    errors,
                    restartMillis,
                    getIdsAfterRestart,
                    errorsAfterRestart);
            assertThat(errors).isZero();
            assertThat(getIds).isEqualTo(USERS);
            assertThat(stack.cognito().getIdSubjects()).isEqualTo(USERS);
            assertThat(errorsAfterRestart).isZero();
            assertThat(getIdsAfterRestart).isZero();
        }
    }

    /** Starts the instances, signs every user in on instance {@code (u + shift) % INSTANCES}, closes them. */
    private static int signIn(LocalTenantStack stack, IdentityIdStore store, List<String> tokens, int shift)
            throws Exception {
        List<TenantClient> fleet = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            fleet.add(stack.clientBuilder()
                    .credentials(c -> c.identityIdStore(store)
                            // each instance gets its share of the account's quota, with 20 % headroom for jitter
                            .cognitoRateLimits(
                                    0.8 * CognitoIdentityEmulator.GET_ID_QUOTA / INSTANCES,
                                    0.8 * CognitoIdentityEmulator.GET_CREDENTIALS_QUOTA / INSTANCES)
                            .exchangeTimeout(Duration.ofMinutes(10)))
                    .build());
        }
        AtomicInteger errors = new AtomicInteger();
        ExecutorService users = Executors.newFixedThreadPool(64);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int u = 0; u < tokens.size(); u++) {
                TenantClient instance = fleet.get((u + shift) % INSTANCES);
                String token = tokens.get(u);
                done.add(users.submit(() -> {
                    try {
                        instance.session(token).credentialsProvider().resolveCredentials();
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        log.warn("Fleet sign-in failed: {}", e.getMessage());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.MINUTES);
            }
        } finally {
            users.shutdownNow();
            fleet.forEach(TenantClient::close);
        }
        return errors.get();
    }
}
