/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.credentials.CredentialsSettings;
import dev.tenantclient.testing.TestJwks;
import dev.tenantclient.testing.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class TenantClientBuilderTest {

    private static final String POOL = "us-east-1:00000000-0000-4000-8000-000000000001";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void missingIdentityPoolSaysWhatToSet() {
        assertThatThrownBy(() -> TenantClient.builder()
                        .userPoolId(TestTokens.USER_POOL_ID)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("identityPoolId is required");
    }

    @Test
    void missingUserPoolSaysWhatToSet() {
        assertThatThrownBy(() -> TenantClient.builder().identityPoolId(POOL).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("userPoolId is required");
    }

    @Test
    void malformedPoolIdsAreRefused() {
        assertThatThrownBy(() -> TenantClient.builder()
                        .identityPoolId("my-pool")
                        .userPoolId("us-east-1_x")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'<region>:<guid>'");
        assertThatThrownBy(() -> TenantClient.builder()
                        .identityPoolId(POOL)
                        .userPoolId("pool")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'<region>_<id>'");
    }

    @Test
    @SuppressWarnings("NullAway") // passing null on purpose: the builder must refuse it at once
    void nullArgumentsAreRefusedImmediately() {
        assertThatThrownBy(() -> TenantClient.builder().identityPoolId(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TenantClient.builder().layout(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void sessionsAreCachedPerTokenAndNeedNoNetwork() {
        try (TenantClient client = TenantClient.builder()
                .identityPoolId(POOL)
                .userPoolId(TestTokens.USER_POOL_ID)
                .region(Region.US_EAST_1)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .tokenVerifier(TokenVerifier.skipSignatureVerification())
                .build()) {
            String token = TestTokens.token(NOW).build();
            TenantSession session = client.session(token);

            assertThat(session.tenant().org()).isEqualTo("acme");
            assertThat(client.session(new String(token))).isSameAs(session);
            assertThat(client.credentialsCache().estimatedSize()).isEqualTo(1);
            assertThat(session.toString()).contains("acme").doesNotContain(token);
            assertThat(session.credentialsProvider().toString())
                    .contains("acme")
                    .doesNotContain(token);
        }
    }

    @Test
    void aTokenExpiringWhileCachedIsRefused() {
        MutableClock clock = new MutableClock(NOW);
        try (TenantClient client = TenantClient.builder()
                .identityPoolId(POOL)
                .userPoolId(TestTokens.USER_POOL_ID)
                .clock(clock)
                .tokenVerifier(TokenVerifier.skipSignatureVerification())
                .build()) {
            String token = TestTokens.token(NOW).build();
            client.session(token);
            clock.advance(Duration.ofHours(1));
            assertThatThrownBy(() -> client.session(token))
                    .isInstanceOf(InvalidTenantTokenException.class)
                    .extracting(e -> ((InvalidTenantTokenException) e).reason())
                    .isEqualTo(InvalidTenantTokenException.Reason.EXPIRED);
        }
    }

    @Test
    void theTokenVerifierCanRejectATokenBeforeItIsCached() {
        try (TenantClient client = TenantClient.builder()
                .identityPoolId(POOL)
                .userPoolId(TestTokens.USER_POOL_ID)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .tokenVerifier(t -> {
                    throw new InvalidTenantTokenException(InvalidTenantTokenException.Reason.REJECTED, "bad signature");
                })
                .build()) {
            assertThatThrownBy(() -> client.session(TestTokens.token(NOW).build()))
                    .isInstanceOf(InvalidTenantTokenException.class)
                    .hasMessage("bad signature");
            assertThat(client.credentialsCache().estimatedSize()).isZero();
        }
    }

    @Test
    void byDefaultSignaturesAreVerifiedWithTheUserPoolsJwks() {
        try (TenantClient client = TenantClient.builder()
                .identityPoolId(POOL)
                .userPoolId(TestTokens.USER_POOL_ID)
                .build()) {
            assertThat(client.tokenVerifier())
                    .isInstanceOfSatisfying(
                            JwksTokenVerifier.class,
                            v -> assertThat(v.jwksUrl())
                                    .hasToString(
                                            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_LocalPool1/.well-known/jwks.json"));
        }
    }

    @Test
    void aClientVerifiesSignaturesWithTheJwksItIsGiven() {
        try (TestJwks jwks = new TestJwks();
                TenantClient client = TenantClient.builder()
                        .identityPoolId(POOL)
                        .userPoolId(TestTokens.USER_POOL_ID)
                        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                        .tokenVerifier(JwksTokenVerifier.builder()
                                .jwksUrl(jwks.url())
                                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                                .build())
                        .build()) {
            String claims = TestTokens.token(NOW).build();
            assertThat(client.session(jwks.sign(claims)).tenant().org()).isEqualTo("acme");
            for (String forged : List.of(
                    claims,
                    jwks.unsigned(claims),
                    jwks.signedWithWrongKey(claims),
                    jwks.signedWithUnknownKey(claims),
                    jwks.signedHs256WithPublicKey(claims),
                    TestJwks.altered(
                            jwks.sign(claims),
                            TestTokens.token(NOW).claim("custom:org", "globex").build()))) {
                assertThatThrownBy(() -> client.session(forged))
                        .isInstanceOf(InvalidTenantTokenException.class)
                        .extracting(e -> ((InvalidTenantTokenException) e).reason())
                        .isIn(
                                InvalidTenantTokenException.Reason.REJECTED,
                                InvalidTenantTokenException.Reason.MALFORMED);
            }
            assertThat(client.credentialsCache().estimatedSize()).isEqualTo(1);
        }
    }

    @Test
    void anAbsurdExpiryIsRefusedAtSession() {
        try (TenantClient client = TenantClient.builder()
                .identityPoolId(POOL)
                .userPoolId(TestTokens.USER_POOL_ID)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .tokenVerifier(TokenVerifier.skipSignatureVerification())
                .build()) {
            for (Object exp : List.of(
                    9_300_000_000_000_000L, new TestTokens.RawJson("9.3e15"), new TestTokens.RawJson("1e300"))) {
                assertThatThrownBy(() -> client.session(
                                TestTokens.token(NOW).claim("exp", exp).build()))
                        .isInstanceOf(InvalidTenantTokenException.class)
                        .hasMessageContaining("'exp'")
                        .hasMessageContaining("out of range");
            }
            assertThat(client.credentialsCache().estimatedSize()).isZero();
        }
    }

    @Test
    void skippingVerificationIsNamedForWhatItDoes() {
        assertThat(TokenVerifier.skipSignatureVerification().toString())
                .isEqualTo("TokenVerifier.skipSignatureVerification()");
    }

    @Test
    void credentialSettingsValidateTheirBounds() {
        assertThatThrownBy(() -> CredentialsSettings.builder().refreshAhead(Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one hour");
        assertThatThrownBy(() -> CredentialsSettings.builder().maximumTokens(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CredentialsSettings.builder().maxConcurrentExchanges(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> CredentialsSettings.builder().retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CredentialsSettings.builder().minimumValidity(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        CredentialsSettings s = CredentialsSettings.builder()
                .refreshAhead(Duration.ofMinutes(2))
                .build();
        assertThat(s.toBuilder().build().refreshAhead()).isEqualTo(Duration.ofMinutes(2));
        assertThat(CredentialsSettings.defaults().maximumTokens()).isEqualTo(10_000);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
