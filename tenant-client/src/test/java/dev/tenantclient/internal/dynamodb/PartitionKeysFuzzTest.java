/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.testing.RandomStrings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Application ids become partition keys: every accepted id lands inside the tenant and comes back unchanged. */
class PartitionKeysFuzzTest {

    private static final PartitionKeys ACME =
            new PartitionKeys(TenantLayout.org(), new Tenant("acme", "alice", Map.of("org", "acme")));

    @FuzzTest
    void everyAcceptedIdLandsInsideTheTenantAndRoundTrips(FuzzedDataProvider data) {
        landsInsideOrIsRefused(data.consumeRemainingAsString());
    }

    private static void landsInsideOrIsRefused(String id) {
        Throwable refused = catchThrowable(() -> ACME.toStored("id", id));
        if (refused == null) {
            String stored = ACME.toStored("id", id);
            assertThat(ACME.owns(stored)).isTrue();
            assertThat(stored).startsWith("acme#");
            assertThat(ACME.toApplication("id", stored)).isEqualTo(id);
            assertThat(stored.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
        } else {
            assertThat(refused).isInstanceOf(TenantBoundaryException.class);
            assertThat(id.isEmpty()
                            || id.contains("#")
                            || id.chars().anyMatch(Character::isISOControl)
                            || ("acme#" + id).getBytes(StandardCharsets.UTF_8).length > 2048)
                    .isTrue();
        }
    }

    static Stream<String> ids() {
        return RandomStrings.seeded(21).cases(2_000, r -> r.anyString(r.random().nextInt(50) == 0 ? 2100 : 40));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("ids")
    void anyIdLandsInsideTheTenantOrIsRefused(String id) {
        landsInsideOrIsRefused(id);
    }

    static Stream<String> otherTenantsKeys() {
        return RandomStrings.seeded(22)
                .cases(
                        500,
                        r -> r.from("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 20) + "#"
                                + r.anyString(20));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("otherTenantsKeys")
    void anIdCarryingAnotherTenantsPrefixIsRefused(String id) {
        assertThat(catchThrowable(() -> ACME.toStored("id", id))).isInstanceOf(TenantBoundaryException.class);
    }
}
