/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.testing.TestTokens;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The session is kept with its cache entry: asking for a cached token's session again allocates (almost) nothing. */
class SessionMemoTest {

    @Test
    void aCachedTokensSessionIsTheSameObjectAndCostsNoAllocation() {
        try (TenantClient client = TenantClient.builder()
                .identityPoolId("us-east-1:00000000-0000-4000-8000-000000000001")
                .userPoolId(TestTokens.USER_POOL_ID)
                .region(Region.US_EAST_1)
                .clock(Clock.systemUTC())
                .tokenVerifier(TokenVerifier.skipSignatureVerification())
                .build()) {
            String token = TestTokens.token(Instant.now()).build();
            TenantSession session = client.session(token);
            assertThat(client.session(token)).isSameAs(session);

            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().getId();
            int rounds = 20_000;
            for (int i = 0; i < rounds; i++) { // warm up
                client.session(token);
            }
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < rounds; i++) {
                client.session(token);
            }
            long perCall = (threads.getThreadAllocatedBytes(id) - before) / rounds;
            // the lookup's Instant and lambdas (about 56 B); a session built per call adds itself and two providers
            assertThat(perCall).as("bytes per cached session(token)").isLessThan(80);
        }
    }
}
