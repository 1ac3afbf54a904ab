/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.TenantLayout;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/** {@link TenantPolicies#trustPolicy(String, String)}: the one-argument trust policy, plus an amr pin. */
class TrustPolicyPinTest {

    private static final String POOL = "eu-west-1:11111111-2222-4333-8444-555555555555";

    @Test
    void pinsAmrToTheUserPoolBesideAuthenticated() {
        TenantPolicies policies = TenantPolicies.of(TenantLayout.org());
        IamStatement pinned =
                policies.trustPolicy(POOL, "eu-west-1_AbCdEf123").statements().get(0);
        IamStatement plain = policies.trustPolicy(POOL).statements().get(0);

        assertThat(pinned.conditions()).containsAll(plain.conditions());
        List<IamCondition> extra = pinned.conditions().stream()
                .filter(c -> !plain.conditions().contains(c))
                .toList();
        assertThat(extra).hasSize(1);
        assertThat(extra.get(0).operator().value()).isEqualTo("ForAnyValue:StringEquals");
        assertThat(extra.get(0).key().value()).isEqualTo("cognito-identity.amazonaws.com:amr");
        assertThat(extra.get(0).value()).isEqualTo("cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123");
        assertThat(pinned.actions()).isEqualTo(plain.actions());
        assertThat(IamPolicy.fromJson(TenantPolicies.toJson(policies.trustPolicy(POOL, "eu-west-1_AbCdEf123"))))
                .isEqualTo(policies.trustPolicy(POOL, "eu-west-1_AbCdEf123"));
    }

    @Test
    void refusesAUserPoolIdThatIsNotOne() {
        TenantPolicies policies = TenantPolicies.of(TenantLayout.org());
        assertThatThrownBy(() -> policies.trustPolicy(POOL, "cognito-idp.x/pool"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userPoolId must look like");
        assertThatThrownBy(() -> policies.trustPolicy("nope", "eu-west-1_AbCdEf123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identityPoolId must look like");
    }
}
