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
import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Refresh ahead and expiry, on a clock the test moves: the stack's emulator and the client share it. Credentials
 * last one hour; tokens two (so that refreshing is worth it); the client refreshes five minutes ahead.
 */
@ExtendWith(NoSecretsInLogs.class)
class CredentialsRefreshTest {

    private static final MutableClock clock = MutableClock.atNow();

    @RegisterExtension
    static final OwnStack stack = OwnStack.start(b -> b.clock(clock));

    private TenantClient client;

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private TenantSession session(String subject) {
        client = stack.clientBuilder()
                .credentials(c -> c.retryBackoff(Duration.ofMillis(1), Duration.ofMillis(1)))
                .build();
        return client.session(stack.acmeToken(subject));
    }

    private static AwsSessionCredentials resolve(TenantSession session) {
        return (AwsSessionCredentials) session.credentialsProvider().resolveCredentials();
    }

    @Test
    void refreshStartsAheadOfExpiryInTheBackgroundWhileCallersKeepTheCurrentCredentials() {
        TenantSession session = session("refresh-alice");
        AwsSessionCredentials first = resolve(session);
        long calls = stack.cognito().getCredentialsCalls();
        stack.faults().inject(Fault.delay(Duration.ofMillis(1500)).on("cognito-identity:*"));
        clock.advance(Duration.ofMinutes(56));

        AwsSessionCredentials during = resolve(session);
        await().until(() -> stack.cognito().getCredentialsCalls() == calls + 1);
        AwsSessionCredentials stillDuring = resolve(session);

        assertThat(during.accessKeyId()).isEqualTo(first.accessKeyId());
        assertThat(stillDuring.accessKeyId()).isEqualTo(first.accessKeyId());
        await().untilAsserted(() -> assertThat(resolve(session).accessKeyId()).isNotEqualTo(first.accessKeyId()));
        assertThat(resolve(session).expirationTime().orElseThrow())
                .isAfter(first.expirationTime().orElseThrow());
        assertThat(stack.cognito().getCredentialsCalls()).isEqualTo(calls + 1);
    }

    @Test
    void credentialsAreNotRefreshedBeforeTheRefreshWindow() {
        TenantSession session = session("refresh-bob");
        AwsSessionCredentials first = resolve(session);
        long calls = stack.cognito().getCredentialsCalls();
        clock.advance(Duration.ofMinutes(54));

        for (int i = 0; i < 10; i++) {
            assertThat(resolve(session).accessKeyId()).isEqualTo(first.accessKeyId());
        }
        assertThat(stack.cognito().getCredentialsCalls()).isEqualTo(calls);
    }

    @Test
    void aFailingRefreshServesValidCredentialsButNeverExpiredOnes() {
        TenantSession session = session("refresh-carol");
        AwsSessionCredentials first = resolve(session);
        stack.faults().inject(Fault.internalError().on("cognito-identity:*").times(10_000));
        clock.advance(Duration.ofMinutes(56));

        assertThat(resolve(session).accessKeyId()).isEqualTo(first.accessKeyId());
        await().until(() -> client.credentialsCache().stats().failures() > 0);
        assertThat(resolve(session).accessKeyId()).isEqualTo(first.accessKeyId());

        clock.advance(Duration.ofMinutes(3).plusSeconds(31)); // 59:31: inside the 30 s minimum validity
        assertThatThrownBy(() -> resolve(session))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("InternalErrorException")
                .hasMessageContaining("no valid credentials are cached");

        stack.faults().clear();
        AwsSessionCredentials recovered = resolve(session);
        assertThat(recovered.accessKeyId()).isNotEqualTo(first.accessKeyId());
        assertThat(recovered.expirationTime().orElseThrow())
                .isAfter(clock.instant().plus(Duration.ofMinutes(59)));
    }

    @Test
    void nothingIsServedPastTheTokensExpiry() {
        client = stack.clientBuilder().build();
        String token = stack.acmeToken("refresh-dave", Duration.ofMinutes(20));
        TenantSession session = client.session(token);
        resolve(session);
        clock.advance(Duration.ofMinutes(20));

        assertThatThrownBy(() -> resolve(session))
                .isInstanceOfSatisfying(
                        InvalidTenantTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
        assertThatThrownBy(() -> client.session(token)).isInstanceOf(InvalidTenantTokenException.class);
    }

    @Test
    void credentialsOutlivingTheTokenAreServedOnlyUntilTheToken() {
        client = stack.clientBuilder().build();
        Instant issued = clock.instant();
        String token = stack.acmeToken("refresh-erin", Duration.ofMinutes(30));
        TenantSession session = client.session(token);
        AwsSessionCredentials credentials = resolve(session);
        assertThat(credentials.expirationTime().orElseThrow()).isAfter(issued.plus(Duration.ofMinutes(59)));
        long calls = stack.cognito().getCredentialsCalls();

        clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertThat(resolve(session).accessKeyId()).isEqualTo(credentials.accessKeyId());
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> resolve(session)).isInstanceOf(InvalidTenantTokenException.class);
        assertThat(stack.cognito().getCredentialsCalls()).isEqualTo(calls);
    }
}
