/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

class RefreshPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final RefreshPolicy policy = new RefreshPolicy(
            "Cognito", Duration.ofMinutes(1), Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

    private static AwsSessionCredentials expiringIn(Duration lifetime) {
        return AwsSessionCredentials.builder()
                .accessKeyId("AKID")
                .secretAccessKey("secret")
                .sessionToken("session")
                .expirationTime(NOW.plus(lifetime))
                .build();
    }

    @Test
    void servedUntilMinimumValidityBeforeExpiryAndRefreshedRefreshAheadBefore() {
        Issued issued = policy.issued(expiringIn(Duration.ofHours(1)), "id", NOW.plus(Duration.ofHours(2)));
        assertThat(issued.servableUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(59)));
        assertThat(issued.refreshAtMillis())
                .isEqualTo(NOW.plus(Duration.ofMinutes(55)).toEpochMilli());
        assertThat(issued.identityId()).isEqualTo("id");
    }

    @Test
    void neverServedPastTheTokensExp() {
        Issued issued = policy.issued(expiringIn(Duration.ofHours(1)), "id", NOW.plus(Duration.ofMinutes(20)));
        assertThat(issued.servableUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
        assertThat(issued.servableAt(NOW.plus(Duration.ofMinutes(20)).toEpochMilli()))
                .isFalse();
    }

    @Test
    void shortLivedCredentialsRefreshHalfWayThroughTheirServableLife() {
        // 7 min: servable 6 min; refreshAhead (5 min) would refresh after 2 min, before half-way (3 min)
        Issued issued = policy.issued(expiringIn(Duration.ofMinutes(7)), "id", NOW.plus(Duration.ofHours(1)));
        assertThat(issued.refreshAtMillis())
                .isEqualTo(NOW.plus(Duration.ofMinutes(3)).toEpochMilli());
    }

    @Test
    void credentialsThatExpireWithinTheMinimumValidityAreRefused() {
        assertThatThrownBy(() -> policy.issued(expiringIn(Duration.ofSeconds(60)), "id", NOW.plus(Duration.ofHours(1))))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("Cognito issued credentials that expire at")
                .hasMessageContaining("sooner than the minimum validity of PT1M");
    }
}
