/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.TenantClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The credentials cache's less travelled paths against the Cognito emulator: a deleted identity, no free exchange
 * slot, credentials too short-lived to serve, invalidation, a null token.
 */
@ExtendWith(NoSecretsInLogs.class)
class CredentialsEdgeCasesTest {

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

    @Test
    void aDeletedIdentityIsLookedUpAgainOnTheNextExchange() {
        client = stack.clientBuilder().build();
        String subject = "edge-user-" + users.incrementAndGet();
        client.session(stack.acmeToken(subject)).credentialsProvider().resolveCredentials();
        assertThat(stack.cognito().getIdCalls(subject)).isEqualTo(1);

        // a second token of the same user: GetId is cached, so the next call is GetCredentialsForIdentity
        stack.faults()
                .inject(Fault.error(400, "ResourceNotFoundException", "Identity not found")
                        .on("cognito-identity:*"));
        String second = stack.acmeToken(subject, Duration.ofMinutes(90));
        assertThatThrownBy(() -> client.session(second).credentialsProvider().resolveCredentials())
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("ResourceNotFoundException");

        client.credentialsCache().invalidate(second);
        AwsCredentials recovered = client.session(second).credentialsProvider().resolveCredentials();
        assertThat(recovered.accessKeyId()).isNotBlank();
        assertThat(stack.cognito().getIdCalls(subject)).isEqualTo(2);
    }

    @Test
    void waitingForABusyExchangeSlotCountsAgainstTheCallersOneDeadline() throws Exception {
        // one slot, held 2 s by the first token (GetId 1.5 s, GetCredentialsForIdentity 0.5 s); the second
        // token's GetId would answer in 1.2 s: each step fits its 3 s timeout, the sum does not
        client = stack.clientBuilder()
                .credentials(c -> c.maxConcurrentExchanges(1).exchangeTimeout(Duration.ofSeconds(3)))
                .build();
        stack.faults().inject(Fault.delay(Duration.ofMillis(1500)).on("cognito-identity:*"));
        stack.faults().inject(Fault.delay(Duration.ofMillis(500)).on("cognito-identity:*"));
        stack.faults().inject(Fault.delay(Duration.ofMillis(1200)).on("cognito-identity:*"));
        String slow = stack.acmeToken("edge-user-" + users.incrementAndGet());
        TenantClient c = client;
        CompletableFuture<AwsCredentials> holder = CompletableFuture.supplyAsync(
                () -> c.session(slow).credentialsProvider().resolveCredentials());
        org.awaitility.Awaitility.await().until(() -> stack.cognito().faultsServed() > 0);

        String other = stack.acmeToken("edge-user-" + users.incrementAndGet());
        assertThatThrownBy(() -> c.session(other).credentialsProvider().resolveCredentials())
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("tenant 'acme'");
        assertThat(holder.get(10, TimeUnit.SECONDS).accessKeyId()).isNotBlank();
    }

    @Test
    void anAnswerWithoutCredentialsIsAFailureNotACrash() {
        client = stack.clientBuilder().build();
        String subject = "edge-user-" + users.incrementAndGet();
        client.session(stack.acmeToken(subject))
                .credentialsProvider()
                .resolveCredentials(); // GetId cached for the user
        stack.faults().inject(Fault.incompleteAnswer().on("cognito-identity:*"));
        String second = stack.acmeToken(subject, Duration.ofMinutes(90));

        assertThatThrownBy(() -> client.session(second).credentialsProvider().resolveCredentials())
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("without complete credentials");
    }

    @Test
    void credentialsTooShortLivedToServeAreNotServed() {
        try (LocalTenantStack shortLived = TestStacks.start(b -> b.credentialsLifetime(Duration.ofSeconds(20)));
                TenantClient c = shortLived.clientBuilder().build()) {
            String token = shortLived
                    .tokens()
                    .token("edge-user-" + users.incrementAndGet())
                    .org("acme")
                    .build();
            assertThatThrownBy(() -> c.session(token).credentialsProvider().resolveCredentials())
                    .isInstanceOf(CredentialsUnavailableException.class)
                    .hasMessageContaining("sooner than the");
        }
    }

    @Test
    void invalidationForgetsTokensAndANullTokenIsMalformed() {
        client = stack.clientBuilder().build();
        String a = stack.acmeToken("edge-user-" + users.incrementAndGet());
        String b = stack.acmeToken("edge-user-" + users.incrementAndGet());
        client.session(a).credentialsProvider().resolveCredentials();
        client.session(b).credentialsProvider().resolveCredentials();
        assertThat(client.credentialsCache().estimatedSize()).isEqualTo(2);

        client.credentialsCache().invalidate(a);
        client.credentialsCache().invalidate(null);
        assertThat(client.credentialsCache().estimatedSize()).isEqualTo(1);
        client.credentialsCache().invalidateAll();
        assertThat(client.credentialsCache().estimatedSize()).isZero();

        assertThatThrownBy(() -> client.session(null))
                .isInstanceOf(InvalidTenantTokenException.class)
                .hasMessageContaining("null");
    }
}
