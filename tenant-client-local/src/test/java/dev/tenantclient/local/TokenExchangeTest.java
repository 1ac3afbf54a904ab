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
import dev.tenantclient.TenantLayout;
import dev.tenantclient.TenantSession;
import dev.tenantclient.TokenVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Token to credentials through the SDK's real CognitoIdentityClient, against the emulator. */
@ExtendWith(NoSecretsInLogs.class)
class TokenExchangeTest {

    private static LocalTenantStack stack;
    private static LocalTenantStack userStack;
    private static TenantClient orgClient;
    private static TenantClient userClient;

    @BeforeAll
    static void start() {
        stack = TestStacks.shared();
        orgClient = stack.clientBuilder().build();
        userStack = TestStacks.user();
        userClient = userStack.clientBuilder().layout(TenantLayout.user()).build();
    }

    @AfterAll
    static void stop() {
        orgClient.close();
        userClient.close();
    }

    private static AwsSessionCredentials credentials(TenantSession session) {
        return (AwsSessionCredentials) session.credentialsProvider().resolveCredentials();
    }

    @Test
    void orgLayoutSessionCarriesTheOrgTagAndTheUsersIdentity() {
        TenantSession session = orgClient.session(stack.issueToken("acme", "org-alice"));

        AwsSessionCredentials credentials = credentials(session);

        assertThat(session.tenant().org()).isEqualTo("acme");
        assertThat(session.identityId()).isEqualTo(stack.cognito().identityIdOf("org-alice"));
        assertThat(stack.cognito()
                        .issued(credentials.accessKeyId())
                        .orElseThrow()
                        .principalTags())
                .isEqualTo(java.util.Map.of("org", "acme"));
        assertThat(credentials.expirationTime())
                .hasValueSatisfying(exp -> assertThat(exp).isAfter(Instant.now().plus(Duration.ofMinutes(55))));
    }

    @Test
    void userLayoutSessionIsTheSubject() {
        TenantSession session = userClient.session(userStack.issueToken("acme", "user-bob"));

        AwsSessionCredentials credentials = credentials(session);

        assertThat(session.tenant().org()).isEqualTo("user-bob");
        assertThat(session.tenant().tags()).containsExactlyEntriesOf(java.util.Map.of("username", "user-bob"));
        assertThat(userStack
                        .cognito()
                        .issued(credentials.accessKeyId())
                        .orElseThrow()
                        .principalTags())
                .containsEntry("username", "user-bob");
    }

    @Test
    void aUsersIdentityIsStableAcrossTokensAndGetIdIsCalledOnce() {
        String first = stack.tokens()
                .token("stable-carol")
                .org("acme")
                .issuedAt(Instant.now().minusSeconds(5))
                .build();
        String second = stack.issueToken("acme", "stable-carol");
        assertThat(first).isNotEqualTo(second);

        TenantSession a = orgClient.session(first);
        TenantSession b = orgClient.session(second);

        assertThat(a.identityId()).isEqualTo(b.identityId());
        assertThat(credentials(a).accessKeyId()).isNotEqualTo(credentials(b).accessKeyId());
        assertThat(stack.cognito().getIdCalls("stable-carol")).isEqualTo(1);
    }

    @Test
    void theSameTokenIsExchangedOnce() {
        String token = stack.issueToken("acme", "once-dave");
        TenantSession session = orgClient.session(token);
        String key = credentials(session).accessKeyId();

        for (int i = 0; i < 20; i++) {
            assertThat(credentials(orgClient.session(token)).accessKeyId()).isEqualTo(key);
        }
        assertThat(orgClient.session(token)).isSameAs(session);
    }

    @Test
    void aTamperedSignatureIsRefusedAtSessionWithoutACognitoCall() {
        String tampered = tamperedSignature(stack.issueToken("acme", "tampered-erin"));
        long before = stack.cognito().getIdCalls();
        assertThatThrownBy(() -> orgClient.session(tampered))
                .isInstanceOfSatisfying(
                        InvalidTenantTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                .hasMessageContaining("does not verify");
        assertThat(stack.cognito().getIdCalls()).isEqualTo(before);
    }

    @Test
    void withoutVerificationATamperedSignatureIsRejectedByCognitoOnceAndNotRetried() {
        String tampered = tamperedSignature(stack.issueToken("acme", "tampered-frank"));
        String signature = tampered.substring(tampered.lastIndexOf('.') + 1);
        try (TenantClient unverified = stack.clientBuilder()
                .tokenVerifier(TokenVerifier.skipSignatureVerification())
                .build()) {
            TenantSession session = unverified.session(tampered);
            long before = stack.cognito().getIdCalls();

            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> session.credentialsProvider().resolveCredentials())
                        .isInstanceOfSatisfying(
                                InvalidTenantTokenException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                        .hasMessageContaining("NotAuthorizedException")
                        .hasMessageNotContaining(signature);
            }
            assertThat(stack.cognito().getIdCalls() - before).isEqualTo(1);
        }
    }

    private static String tamperedSignature(String token) {
        String[] parts = token.split("\\.", -1);
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[10] ^= 0x01;
        return parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    @Test
    void aTokenForAnotherAudienceIsRefusedBeforeAnyCall() {
        String token = stack.tokens()
                .token("aud-frank")
                .org("acme")
                .claim("aud", "other-client")
                .build();
        long before = stack.cognito().getIdCalls();

        assertThatThrownBy(() -> orgClient.session(token))
                .isInstanceOfSatisfying(
                        InvalidTenantTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_ISSUER_OR_AUDIENCE));
        assertThat(stack.cognito().getIdCalls()).isEqualTo(before);
    }
}
