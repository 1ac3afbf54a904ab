/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/** Single flight and no cross-token mix-ups: 64 threads, 1,000 distinct tokens of 100 users, counted at Cognito. */
@ExtendWith(NoSecretsInLogs.class)
class CredentialsStressTest {

    private static final Logger log = LoggerFactory.getLogger(CredentialsStressTest.class);
    private static final int THREADS = 64;
    private static final int USERS = 100;
    private static final int TOKENS_PER_USER = 10;

    @Test
    void sixtyFourThreadsOnAThousandTokensCostOneExchangePerTokenAndOneGetIdPerUser() throws Exception {
        LocalTenantStack stack = TestStacks.shared();
        List<String> tokens = new ArrayList<>();
        Map<String, String> subjectOf = new ConcurrentHashMap<>();
        Instant now = Instant.now();
        for (int u = 0; u < USERS; u++) {
            String org = "stress" + (u % 7);
            String subject = "stress-user-" + u;
            for (int t = 0; t < TOKENS_PER_USER; t++) {
                String token = stack.tokens()
                        .token(subject)
                        .org(org)
                        .issuedAt(now.minusSeconds(t))
                        .build();
                tokens.add(token);
                subjectOf.put(token, subject);
            }
        }
        long getIdBefore = stack.cognito().getIdCalls();
        long exchangesBefore = stack.cognito().getCredentialsCalls();
        Map<String, Set<String>> keysPerToken = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (TenantClient client = stack.clientBuilder().build()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>(tokens);
                    Collections.shuffle(mine, new Random(seed));
                    go.await();
                    int checked = 0;
                    for (String token : mine) {
                        TenantSession session = client.session(token);
                        AwsCredentials credentials =
                                session.credentialsProvider().resolveCredentials();
                        CognitoIdentityEmulator.IssuedCredentials issued = stack.cognito()
                                .issued(credentials.accessKeyId())
                                .orElseThrow();
                        assertThat(issued.subject()).isEqualTo(subjectOf.get(token));
                        assertThat(issued.principalTags())
                                .containsEntry("org", session.tenant().org());
                        keysPerToken
                                .computeIfAbsent(token, k -> ConcurrentHashMap.newKeySet())
                                .add(credentials.accessKeyId());
                        checked++;
                    }
                    return checked;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(5, TimeUnit.MINUTES);
            }
            long exchanges = stack.cognito().getCredentialsCalls() - exchangesBefore;
            long getIds = stack.cognito().getIdCalls() - getIdBefore;
            log.info(
                    "Stress: {} resolutions by {} threads over {} tokens of {} users -> {} GetCredentialsForIdentity,"
                            + " {} GetId calls",
                    total,
                    THREADS,
                    tokens.size(),
                    USERS,
                    exchanges,
                    getIds);

            assertThat(total).isEqualTo(THREADS * tokens.size());
            assertThat(exchanges).isEqualTo(tokens.size());
            assertThat(getIds).isEqualTo(USERS);
            for (int u = 0; u < USERS; u++) {
                assertThat(stack.cognito().getIdCalls("stress-user-" + u)).isEqualTo(1);
            }
            assertThat(keysPerToken).hasSize(tokens.size());
            assertThat(keysPerToken.values())
                    .allSatisfy(keys -> assertThat(keys).hasSize(1));
            assertThat(client.credentialsCache().stats().exchanges()).isEqualTo(tokens.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
