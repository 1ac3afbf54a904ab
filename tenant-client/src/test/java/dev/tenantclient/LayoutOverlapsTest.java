/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutOverlapsTest {

    private static final TenantLayout ORGS = TenantLayout.builder()
            .tag("org", "custom:org")
            .partitionKeyPrefix("o#{org}#")
            .objectKeyPrefix("o/{org}/")
            .build();
    private static final TenantLayout USERS = TenantLayout.builder()
            .tag("username", "sub")
            .partitionKeyEquals("u#{username}")
            .objectKeyPrefix("u/{username}/")
            .build();

    @Test
    void theBuiltInOrgAndUserLayoutsAreRefusedTogetherWithBothNamesAndTheFix() {
        assertThatThrownBy(() -> LayoutOverlaps.requireDisjoint(List.of(TenantLayout.org(), TenantLayout.user())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TenantLayout.org() (partition key {org}#<id>, object keys {org}/<key>)")
                .hasMessageContaining("TenantLayout.user() (partition key {username}, object keys {username}/<key>)")
                .hasMessageContaining("an org named like a user's sub")
                .hasMessageContaining("o/{org}/")
                .hasMessageContaining("u/{username}/");
    }

    @Test
    void everyPairIsChecked() {
        assertThat(LayoutOverlaps.firstOverlap(List.of(ORGS, USERS, TenantLayout.user())))
                .contains("custom layout (partition key o#{org}#<id>", "TenantLayout.user()");
    }

    @Test
    void layoutsWithDistinctLiteralPrefixesMayShareATableAndBucket() {
        LayoutOverlaps.requireDisjoint(List.of(ORGS, USERS));
        LayoutOverlaps.requireDisjoint(List.of(TenantLayout.org()));
        LayoutOverlaps.requireDisjoint(List.of(TenantLayout.user(), TenantLayout.user()));
        assertThat(LayoutOverlaps.firstOverlap(List.of(ORGS, USERS))).isNull();
    }
}
