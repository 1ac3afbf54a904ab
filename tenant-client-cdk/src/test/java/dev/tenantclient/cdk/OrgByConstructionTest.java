/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.cdk;

import dev.tenantclient.TenantLayout;

/** {@link ByConstructionTest} for {@link TenantLayout#org()}: keys {@code <org>#<id>}, folders {@code <org>/}. */
class OrgByConstructionTest extends ByConstructionTest {

    @Override
    TenantLayout layout() {
        return TenantLayout.org();
    }

    @Override
    String[][] tenants() {
        return new String[][] {{"acme", "alice"}, {"globex", "bob"}};
    }

    @Override
    String applicationId(String id) {
        return id;
    }

    @Override
    String applicationKey(String user, String id) {
        return id;
    }

    @Override
    String storedKeyOfOther(String id) {
        return "globex#" + id;
    }

    @Override
    String otherFolder() {
        return "globex/";
    }
}
