/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import dev.tenantclient.local.LocalTenantStack;
import dev.tenantclient.local.LocalTokenIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

@LocalTenantStackTest
class LocalTenantStackExtensionTest {

    private static LocalTenantStack first;

    @BeforeAll
    static void createBucket(LocalTenantStack stack) {
        first = stack;
        stack.adminS3Client().createBucket(r -> r.bucket("extension-files"));
    }

    @Test
    void oneStackServesTheWholeRun(LocalTenantStack stack, LocalTokenIssuer tokens) {
        assertThat(stack).isSameAs(first);
        assertThat(tokens).isSameAs(stack.tokens());
    }

    @Test
    void theInjectedClientIsolatesTwoTenants(LocalTenantStack stack, TenantClient client) {
        TenantSession acme = client.session(stack.issueToken("acme", "alice"));
        TenantSession globex = client.session(stack.issueToken("globex", "bob"));

        acme.bucket("extension-files").putObject("a.txt", RequestBody.fromString("acme's"));
        globex.bucket("extension-files").putObject("a.txt", RequestBody.fromString("globex's"));

        assertThat(acme.bucket("extension-files").getObjectAsBytes("a.txt").asUtf8String())
                .isEqualTo("acme's");
        assertThat(globex.bucket("extension-files").getObjectAsBytes("a.txt").asUtf8String())
                .isEqualTo("globex's");
    }
}
