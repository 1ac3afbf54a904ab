/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CredentialsSettingsTest {

    @Test
    void d7MinimumValidityMustStayBelowRefreshAhead() {
        assertThatThrownBy(() -> CredentialsSettings.builder()
                        .refreshAhead(Duration.ofMinutes(1))
                        .minimumValidity(Duration.ofMinutes(2))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimumValidity (PT2M) must be below refreshAhead (PT1M)");
        assertThatThrownBy(() -> CredentialsSettings.builder()
                        .refreshAhead(Duration.ofSeconds(30))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CredentialsSettings.builder()
                        .refreshAhead(Duration.ofSeconds(31))
                        .build()
                        .refreshAhead())
                .isEqualTo(Duration.ofSeconds(31));
    }

    @Test
    void rateLimitsAreFiniteAndNotNegative() {
        assertThatThrownBy(() -> CredentialsSettings.builder().cognitoRateLimits(-1, 200))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CredentialsSettings.builder().cognitoRateLimits(25, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        CredentialsSettings s =
                CredentialsSettings.builder().cognitoRateLimits(0, 10).build();
        assertThat(s.getIdRate()).isZero();
        assertThat(s.toBuilder().build().getCredentialsRate()).isEqualTo(10);
        assertThat(CredentialsSettings.defaults().getIdRate()).isEqualTo(25);
        assertThat(CredentialsSettings.defaults().getCredentialsRate()).isEqualTo(200);
    }
}
