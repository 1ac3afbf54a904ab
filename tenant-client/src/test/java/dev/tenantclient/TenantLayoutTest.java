/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantLayoutTest {

    private static final Map<String, String> ACME_ALICE = Map.of("sub", "alice-sub", "custom:org", "acme");

    @Test
    void orgLayoutPrefixesPartitionKeysAndObjectKeysWithTheOrg() {
        TenantLayout layout = TenantLayout.org();
        Tenant tenant = layout.tenantFromClaims(ACME_ALICE);

        assertThat(tenant.org()).isEqualTo("acme");
        assertThat(tenant.subject()).isEqualTo("alice-sub");
        assertThat(tenant.tags()).containsExactly(Map.entry("org", "acme"));
        assertThat(layout.partitionKeyPrefix(tenant)).isEqualTo("acme#");
        assertThat(layout.objectKeyPrefix(tenant)).isEqualTo("acme/");
        assertThat(layout.isPartitionKeyExact()).isFalse();
    }

    @Test
    void orgLayoutRendersIamPatternsWithPrincipalTagVariables() {
        assertThat(TenantLayout.org().iamLeadingKeyPattern()).isEqualTo("${aws:PrincipalTag/org}#*");
        assertThat(TenantLayout.org().iamObjectKeyPrefix()).isEqualTo("${aws:PrincipalTag/org}/");
        assertThat(TenantLayout.org().principalTags()).containsExactly(Map.entry("org", "custom:org"));
    }

    @Test
    void userLayoutKeysOnTheSubjectExactly() {
        TenantLayout layout = TenantLayout.user();
        Tenant tenant = layout.tenantFromClaims(ACME_ALICE);

        assertThat(tenant.org()).isEqualTo("alice-sub");
        assertThat(layout.partitionKeyPrefix(tenant)).isEqualTo("alice-sub");
        assertThat(layout.isPartitionKeyExact()).isTrue();
        assertThat(layout.objectKeyPrefix(tenant)).isEqualTo("alice-sub/");
        assertThat(layout.iamLeadingKeyPattern()).isEqualTo("${aws:PrincipalTag/username}");
        assertThat(layout.principalTags()).containsExactly(Map.entry("username", "sub"));
    }

    @Test
    void customLayoutNestsUserFoldersInsideOrgFolders() {
        TenantLayout layout = TenantLayout.builder()
                .tag("org", "custom:org")
                .tag("username", "sub")
                .partitionKeyPrefix("{org}#")
                .objectKeyPrefix("{org}/{username}/")
                .build();
        Tenant tenant = layout.tenantFromClaims(ACME_ALICE);

        assertThat(layout.objectKeyPrefix(tenant)).isEqualTo("acme/alice-sub/");
        assertThat(layout.iamObjectKeyPrefix()).isEqualTo("${aws:PrincipalTag/org}/${aws:PrincipalTag/username}/");
        assertThat(tenant.tags()).containsExactly(Map.entry("org", "acme"), Map.entry("username", "alice-sub"));
    }

    @Test
    void missingTenantClaimIsATenantProblem() {
        assertThatThrownBy(() -> TenantLayout.org().tenantFromClaims(Map.of("sub", "alice")))
                .isInstanceOf(InvalidTenantTokenException.class)
                .hasMessageContaining("custom:org")
                .hasMessageContaining("missing")
                .satisfies(e -> assertThat(((InvalidTenantTokenException) e).isTenantProblem())
                        .isTrue());
    }

    @Test
    void missingSubjectIsMalformed() {
        assertThatThrownBy(() -> TenantLayout.org().tenantFromClaims(Map.of("custom:org", "acme")))
                .isInstanceOf(InvalidTenantTokenException.class)
                .extracting(e -> ((InvalidTenantTokenException) e).reason())
                .isEqualTo(InvalidTenantTokenException.Reason.MALFORMED);
    }

    @Test
    void separatorMustFollowEveryTagInAPrefixTemplate() {
        assertThatThrownBy(() -> TenantLayout.builder()
                        .tag("org", "custom:org")
                        .partitionKeyPrefix("{org}-")
                        .objectKeyPrefix("{org}/")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must follow {org} with '#' or '/'");
        assertThatThrownBy(() -> TenantLayout.builder()
                        .tag("org", "custom:org")
                        .partitionKeyPrefix("{org}")
                        .objectKeyPrefix("{org}/")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void templatesMayOnlyNameDeclaredTags() {
        assertThatThrownBy(() -> TenantLayout.builder()
                        .tag("org", "custom:org")
                        .partitionKeyPrefix("{tenant}#")
                        .objectKeyPrefix("{org}/")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names tag 'tenant', which the layout does not declare");
    }

    @Test
    void templatesMayNotContainIamWildcards() {
        assertThatThrownBy(() -> TenantLayout.builder()
                        .tag("org", "custom:org")
                        .partitionKeyPrefix("{org}#*")
                        .objectKeyPrefix("{org}/")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wildcard");
        assertThatThrownBy(() -> TenantLayout.builder()
                        .tag("org", "custom:org")
                        .partitionKeyPrefix("{org}#")
                        .objectKeyPrefix("${org}/")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void objectKeyPrefixMustEndWithASlashAndNotStartWithOne() {
        assertThatThrownBy(() -> TenantLayout.builder().objectKeyPrefix("{org}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end with '/'");
        assertThatThrownBy(() -> TenantLayout.builder()
                        .tag("org", "custom:org")
                        .partitionKeyPrefix("{org}#")
                        .objectKeyPrefix("/{org}/")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not start with '/'");
    }

    @Test
    void incompleteBuilderSaysWhatToSet() {
        assertThatThrownBy(() -> TenantLayout.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one tag");
        assertThatThrownBy(() -> TenantLayout.builder().tag("org", "custom:org").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partitionKeyPrefix");
        assertThatThrownBy(() -> TenantLayout.builder()
                        .tag("org", "custom:org")
                        .partitionKeyPrefix("{org}#")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("objectKeyPrefix");
    }

    @Test
    void settingAPartTwiceIsRefused() {
        assertThatThrownBy(() -> TenantLayout.builder().tag("org", "a").tag("org", "b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already declared");
        assertThatThrownBy(() ->
                        TenantLayout.builder().partitionKeyPrefix("{org}#").partitionKeyEquals("{org}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already set");
    }

    @Test
    void invalidTagNamesAreRefused() {
        assertThatThrownBy(() -> TenantLayout.builder().tag("org name", "custom:org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid IAM tag key");
        assertThatThrownBy(() -> TenantLayout.builder().tag("", "custom:org"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void layoutsWithTheSameTemplatesAreEqual() {
        TenantLayout copy = TenantLayout.builder()
                .tag("org", "custom:org")
                .partitionKeyPrefix("{org}#")
                .objectKeyPrefix("{org}/")
                .build();
        assertThat(copy).isEqualTo(TenantLayout.org()).hasSameHashCodeAs(TenantLayout.org());
        assertThat(copy).isNotEqualTo(TenantLayout.user());
        assertThat(copy.toString()).contains("{org}#", "custom:org");
    }

    @Test
    void layoutsOverlapWhenOneTenantCanRenderAnotherLayoutsKeys() {
        TenantLayout orgs = TenantLayout.builder()
                .tag("org", "custom:org")
                .partitionKeyPrefix("{org}#")
                .objectKeyPrefix("org/{org}/")
                .build();
        TenantLayout users = TenantLayout.builder()
                .tag("username", "sub")
                .partitionKeyEquals("{username}")
                .objectKeyPrefix("user/{username}/")
                .build();
        TenantLayout teams = TenantLayout.builder()
                .tag("team", "custom:team")
                .partitionKeyPrefix("{team}#")
                .objectKeyPrefix("team/{team}/")
                .build();
        TenantLayout nested = TenantLayout.builder()
                .tag("org", "custom:org")
                .tag("username", "sub")
                .partitionKeyPrefix("{org}#{username}#")
                .objectKeyPrefix("org/{org}/{username}/")
                .build();

        // issue 16, hole 5: the built-in layouts share the bucket's top level, so an org named like a sub overlaps
        assertThat(TenantLayout.org().overlaps(TenantLayout.user())).isTrue();
        assertThat(TenantLayout.org().overlaps(TenantLayout.org())).isFalse();
        assertThat(orgs.overlaps(users)).isFalse();
        assertThat(users.overlaps(orgs)).isFalse();
        assertThat(orgs.overlaps(teams))
                .as("same partition-key shape on one table")
                .isTrue();
        assertThat(orgs.overlaps(nested))
                .as("the org folder contains the nested folders")
                .isTrue();
        assertThat(TenantLayout.org().overlaps(users))
                .as("org 'user' covers user/")
                .isTrue();
    }
}
