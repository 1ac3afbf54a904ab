/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.internal.IdToken;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.TooManyRequestsException;

class OutcomeTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNlY3JldA";

    /** Classification only: the identity pool's refusals. */
    private final CredentialsSource cognito = new CredentialsSource() {
        @Override
        public String serviceName() {
            return "Cognito Identity";
        }

        @Override
        public CompletableFuture<Issued> exchange(String token, IdToken claims, Deadline deadline) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean refusesToken(Throwable failure) {
            return failure instanceof NotAuthorizedException;
        }
    };

    @Test
    void exchangesEndInOneOfFourWays() {
        assertThat(Outcome.of(NotAuthorizedException.builder().message("no").build(), false, cognito))
                .isEqualTo(Outcome.REJECTED);
        assertThat(Outcome.of(TooManyRequestsException.builder().message("slow").build(), false, cognito))
                .isEqualTo(Outcome.FAILED);
        assertThat(Outcome.of(new DeadlineExceeded("late"), false, cognito)).isEqualTo(Outcome.LOCAL);
        assertThat(Outcome.of(new InterruptedException(), false, cognito)).isEqualTo(Outcome.LOCAL);
        assertThat(Outcome.of(null, false, cognito)).isEqualTo(Outcome.CLOSED);
        assertThat(Outcome.of(new IllegalStateException(), true, cognito)).isEqualTo(Outcome.CLOSED);
    }

    @Test
    void failuresNameTheTenantAndNeverTheToken() {
        NotAuthorizedException refusal = NotAuthorizedException.builder()
                .message("Invalid login token " + TOKEN)
                .build();
        RuntimeException rejected = ExchangeFailures.of(
                Outcome.REJECTED, refusal, "acme", TOKEN, Duration.ofSeconds(5), "Cognito Identity");
        assertThat(rejected)
                .isInstanceOf(InvalidTenantTokenException.class)
                .hasMessageStartingWith(
                        "Cognito Identity rejected the token for tenant 'acme' (NotAuthorizedException: ")
                .hasMessageNotContaining(TOKEN)
                .hasMessageNotContaining("c2lnbmF0dXJlLXNlY3JldA");
        assertThat(rejected.getCause()).hasMessageNotContaining(TOKEN);

        RuntimeException failed = ExchangeFailures.of(
                Outcome.FAILED,
                new IllegalStateException("echo " + TOKEN),
                "acme",
                TOKEN,
                Duration.ofSeconds(5),
                "Cognito Identity");
        assertThat(failed)
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("and no valid credentials are cached; retry later")
                .hasMessageNotContaining(TOKEN);

        assertThat(ExchangeFailures.of(Outcome.CLOSED, null, "acme", TOKEN, Duration.ofSeconds(5), "Cognito Identity"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
