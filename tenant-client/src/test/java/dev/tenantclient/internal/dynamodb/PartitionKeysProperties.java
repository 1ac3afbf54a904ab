/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantLayout;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class PartitionKeysProperties {

    private final PartitionKeys acme =
            new PartitionKeys(TenantLayout.org(), new Tenant("acme", "alice", Map.of("org", "acme")));

    @Property(tries = 2000)
    void everyAcceptedIdLandsInsideTheTenantAndRoundTrips(@ForAll String id) {
        Throwable refused = catchThrowable(() -> acme.toStored("id", id));
        if (refused == null) {
            String stored = acme.toStored("id", id);
            assertThat(acme.owns(stored)).isTrue();
            assertThat(stored).startsWith("acme#");
            assertThat(acme.toApplication("id", stored)).isEqualTo(id);
        } else {
            assertThat(refused).isInstanceOf(TenantBoundaryException.class);
            assertThat(id.isEmpty() || id.contains("#") || id.chars().anyMatch(Character::isISOControl))
                    .isTrue();
        }
    }

    @Property(tries = 500)
    void anIdCarryingAnotherTenantsPrefixIsRefused(@ForAll("tenants") String other, @ForAll String rest) {
        assertThat(catchThrowable(() -> acme.toStored("id", other + "#" + rest)))
                .isInstanceOf(TenantBoundaryException.class);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> tenants() {
        return net.jqwik.api.Arbitraries.strings()
                .alpha()
                .numeric()
                .ofMinLength(1)
                .ofMaxLength(20);
    }
}
