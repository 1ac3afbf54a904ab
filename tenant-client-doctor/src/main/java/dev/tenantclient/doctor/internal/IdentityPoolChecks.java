/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor.internal;

import dev.tenantclient.CognitoPoolIds;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.Finding.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.DescribeIdentityPoolResponse;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdentityPoolRolesResponse;
import software.amazon.awssdk.services.cognitoidentity.model.GetPrincipalTagAttributeMapResponse;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;

/** The identity pool: the user pool as its provider, the principal-tag map and the authenticated role. */
final class IdentityPoolChecks {

    private static final String COGNITO = CheckRun.COGNITO;

    private final CheckRun run;
    private final List<TenantLayout> layouts;
    private final String identityPoolId;
    private final String userPoolId;
    private final @Nullable String clientId;
    private final CognitoIdentityClient identity;

    IdentityPoolChecks(CheckRun run) {
        this.run = run;
        this.layouts = run.expected().layouts();
        this.identityPoolId = run.expected().identityPoolId();
        this.userPoolId = run.expected().userPoolId();
        this.clientId = run.expected().clientId();
        this.identity = run.controlPlane().identity();
    }

    /** @return the authenticated role's ARN, or null when there is none or it could not be read */
    @Nullable
    String check() {
        String provider = CognitoPoolIds.loginProvider(userPoolId);
        DescribeIdentityPoolResponse pool = read(
                "cognito-identity:DescribeIdentityPool",
                "the identity pool",
                () -> identity.describeIdentityPool(r -> r.identityPoolId(identityPoolId)));
        if (pool != null) {
            List<CognitoIdentityProvider> matching = pool.cognitoIdentityProviders().stream()
                    .filter(p -> provider.equals(p.providerName()))
                    .toList();
            if (matching.isEmpty()) {
                add(
                        Severity.ERROR,
                        "identity-pool.provider-missing",
                        "Identity pool " + identityPoolId + " does not accept tokens of user pool " + userPoolId + ".",
                        "Every token exchange fails; the application cannot obtain tenant-scoped credentials.",
                        "Add the user pool (" + provider + ") as an authentication provider of the identity pool.");
            }
            List<String> others = new ArrayList<>();
            pool.cognitoIdentityProviders().stream()
                    .map(CognitoIdentityProvider::providerName)
                    .filter(name -> !provider.equals(name))
                    .forEach(others::add);
            others.addAll(pool.supportedLoginProviders().keySet());
            others.addAll(pool.openIdConnectProviderARNs());
            others.addAll(pool.samlProviderARNs());
            if (pool.developerProviderName() != null) {
                others.add("developer provider " + pool.developerProviderName());
            }
            run.otherProviders(others);
            if (!others.isEmpty()) {
                add(
                        Severity.WARNING,
                        "identity-pool.other-providers",
                        "Identity pool " + identityPoolId + " accepts other identity providers besides user pool "
                                + userPoolId + ": " + String.join(", ", others) + ".",
                        "Each provider is a way to get the authenticated role; a provider whose users can set the tenant "
                                + "claim (another user pool, a social or OIDC login) gets credentials confined to a tenant of "
                                + "its users' choosing, unless the trust policy's amr condition pins the user pool.",
                        "Remove the other providers, or give them their own identity pool and role; otherwise require "
                                + "ForAnyValue:StringEquals " + COGNITO + ":amr = " + provider
                                + " in the role's trust policy.");
            }
            if (clientId != null
                    && !matching.isEmpty()
                    && matching.stream().noneMatch(p -> clientId.equals(p.clientId()))) {
                add(
                        Severity.WARNING,
                        "identity-pool.client-missing",
                        "Identity pool " + identityPoolId + " does not accept tokens of app client " + clientId + ".",
                        "Token exchanges for this client fail.",
                        "Add the app client id to the identity pool's user pool provider.");
            }
        }
        checkPrincipalTags(provider);
        GetIdentityPoolRolesResponse roles = read(
                "cognito-identity:GetIdentityPoolRoles",
                "the identity pool's roles",
                () -> identity.getIdentityPoolRoles(r -> r.identityPoolId(identityPoolId)));
        if (roles == null) {
            return null;
        }
        RoleMapping mapping = roles.roleMappings().get(provider);
        if (mapping != null) {
            add(
                    Severity.WARNING,
                    "identity-pool.role-mapping",
                    "Identity pool " + identityPoolId + " maps " + provider + " to roles by " + mapping.typeAsString()
                            + ".",
                    "Rule- or token-based role mapping can hand tenants roles other than the authenticated role, whose "
                            + "policies this check did not examine.",
                    "Use the default authenticated role, or run the check against every role the mapping can choose.");
        }
        String roleArn = roles.roles().get("authenticated");
        if (roleArn == null) {
            add(
                    Severity.ERROR,
                    "identity-pool.no-authenticated-role",
                    "Identity pool " + identityPoolId + " has no authenticated role.",
                    "Token exchanges fail: there is no role whose policy confines tenants.",
                    "Set an authenticated role with the generated trust and permission policies.");
        }
        return roleArn;
    }

    private void checkPrincipalTags(String provider) {
        Map<String, String> expected = new LinkedHashMap<>();
        layouts.forEach(l -> expected.putAll(l.principalTags()));
        Map<String, String> actual;
        try {
            GetPrincipalTagAttributeMapResponse map = identity.getPrincipalTagAttributeMap(
                    r -> r.identityPoolId(identityPoolId).identityProviderName(provider));
            actual = Boolean.TRUE.equals(map.useDefaults())
                            && map.principalTags().isEmpty()
                    ? Map.of("username", "sub", "client", "aud") // Cognito's documented default mappings
                    : map.principalTags();
        } catch (ResourceNotFoundException e) {
            actual = Map.of();
        } catch (SdkException e) {
            run.couldNotCheck("cognito-identity:GetPrincipalTagAttributeMap", "the identity pool's principal tags", e);
            return;
        }
        for (Map.Entry<String, String> tag : expected.entrySet()) {
            String claim = actual.get(tag.getKey());
            if (claim == null) {
                add(
                        Severity.ERROR,
                        "principal-tags.missing",
                        "Identity pool " + identityPoolId + " does not map claim '" + tag.getValue()
                                + "' to principal tag '" + tag.getKey() + "'.",
                        "The role's policies match on ${aws:PrincipalTag/" + tag.getKey()
                                + "}: without the tag no request is "
                                + "allowed, and a policy written without it would not confine tenants at all.",
                        "Set the principal tag map (SetPrincipalTagAttributeMap, or AWS::Cognito::IdentityPoolPrincipalTag) to "
                                + expected + "; re-check after stack updates, which can reset it.");
            } else if (!claim.equals(tag.getValue())) {
                add(
                        Severity.ERROR,
                        "principal-tags.wrong-claim",
                        "Principal tag '" + tag.getKey() + "' is mapped from claim '" + claim + "', the layout uses '"
                                + tag.getValue() + "'.",
                        "IAM confines each session to the value of '" + claim
                                + "' while the library prefixes keys with '"
                                + tag.getValue() + "': the two boundaries disagree, and if '" + claim
                                + "' is user-writable, "
                                + "users choose their tenant.",
                        "Map '" + tag.getKey() + "' from '" + tag.getValue() + "'.");
            }
        }
    }

    private <T> @Nullable T read(String action, String what, Supplier<T> call) {
        return run.read(action, what, call);
    }

    private void add(Severity severity, String check, String problem, String why, String fix) {
        run.add(severity, check, problem, why, fix);
    }
}
