/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.cdk;

import dev.tenantclient.TenantLayout;

/**
 * {@link ByConstructionTest} for {@link TenantLayout#user()}: the partition key is the user's {@code sub}, folders
 * {@code <sub>/}.
 */
class UserByConstructionTest extends ByConstructionTest {

    @Override
    TenantLayout layout() {
        return TenantLayout.user();
    }

    @Override
    String[][] tenants() {
        return new String[][] {{"acme", "u-alice"}, {"acme", "u-bob"}};
    }

    @Override
    String applicationId(String id) {
        return null; // the layout fills in the user's own partition
    }

    @Override
    String applicationKey(String user, String id) {
        return user;
    }

    @Override
    String storedKeyOfOther(String id) {
        return "u-bob";
    }

    @Override
    String otherFolder() {
        return "u-bob/";
    }
}
