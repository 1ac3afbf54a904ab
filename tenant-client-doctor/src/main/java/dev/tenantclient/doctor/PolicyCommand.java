/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor;

import dev.tenantclient.TenantLayout;
import dev.tenantclient.policy.PolicyResources;
import dev.tenantclient.policy.TenantPolicies;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * {@code policy}: prints what {@link TenantPolicies} generates for a layout — permission policy, trust policy,
 * principal-tag map — as JSON or as a CloudFormation snippet, for pipelines that are not Java (Terraform, plain
 * CloudFormation, the AWS CLI).
 */
final class PolicyCommand {

    static final String USAGE = """
      usage: policy [--layout org|user] (--table NAME[:INDEX,INDEX] | --bucket NAME)... [--region REGION]
                    [--account ID] [--partition aws] [--identity-pool ID] [--user-pool ID]
                    [--format json|cloudformation]
        Prints the generated permission policy, trust policy and principal-tag map.
        json            {"principalTags", "permissionPolicy", "trustPolicy" (with --identity-pool)}
        cloudformation  Resources TenantAuthenticatedRole (AWS::IAM::Role) and TenantPrincipalTags
                        (AWS::Cognito::IdentityPoolPrincipalTag); without --identity-pool / --user-pool they refer
                        to resources with the logical ids IdentityPool / UserPool""";

    /** Stand-ins the generator validates, replaced in the CloudFormation snippet by references. */
    private static final String IDENTITY_POOL_STAND_IN = "us-east-1:00000000-0000-4000-8000-0000000000ff";

    private static final String USER_POOL_STAND_IN = "us-east-1_TenantClientStandIn";

    private PolicyCommand() {}

    static int run(List<String> args, PrintStream out) {
        @Nullable TenantLayout layout = null;
        String format = "json";
        @Nullable String identityPool = null;
        @Nullable String userPool = null;
        String region = "*";
        String account = "*";
        String partition = "aws";
        List<String> tables = new ArrayList<>();
        List<String> buckets = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String option = args.get(i);
                if (option.equals("--help") || option.equals("-h")) {
                    out.println(USAGE);
                    return 0;
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("missing value for " + option);
                }
                String value = args.get(++i);
                switch (option) {
                    case "--layout" -> {
                        if (layout != null) {
                            throw new IllegalArgumentException("--layout was already given");
                        }
                        layout = layout(value);
                    }
                    case "--table" -> tables.add(value);
                    case "--bucket" -> buckets.add(value);
                    case "--region" -> region = value;
                    case "--account" -> account = value;
                    case "--partition" -> partition = value;
                    case "--identity-pool" -> identityPool = value;
                    case "--user-pool" -> userPool = value;
                    case "--format" -> {
                        if (!value.equals("json") && !value.equals("cloudformation")) {
                            throw new IllegalArgumentException("--format is json or cloudformation, was " + value);
                        }
                        format = value;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (tables.isEmpty() && buckets.isEmpty()) {
                throw new IllegalArgumentException("name at least one --table or --bucket");
            }
            TenantPolicies policies = TenantPolicies.of(layout == null ? TenantLayout.org() : layout);
            PolicyResources.Builder resources = PolicyResources.builder()
                    .partition(partition)
                    .region(region)
                    .account(account);
            for (String spec : tables) {
                int colon = spec.indexOf(':');
                if (colon < 0) {
                    resources.table(spec);
                } else {
                    resources.table(
                            spec.substring(0, colon), spec.substring(colon + 1).split(","));
                }
            }
            buckets.forEach(resources::bucket);
            Object permissions = plain(policies.permissionPolicy(resources.build()));
            Map<String, String> tags = policies.principalTags();
            if (format.equals("json")) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("principalTags", tags);
                root.put("permissionPolicy", permissions);
                if (identityPool != null) {
                    root.put("trustPolicy", plain(trust(policies, identityPool, userPool)));
                }
                out.println(JsonText.write(root));
                return 0;
            }
            out.println(JsonText.write(cloudFormation(policies, permissions, tags, identityPool, userPool)));
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.println("error: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
    }

    /** A layout named on the command line. */
    static TenantLayout layout(String name) {
        return switch (name) {
            case "org" -> TenantLayout.org();
            case "user" -> TenantLayout.user();
            default -> throw new IllegalArgumentException("--layout is org or user, was " + name);
        };
    }

    private static IamPolicy trust(TenantPolicies policies, String identityPool, @Nullable String userPool) {
        return userPool == null ? policies.trustPolicy(identityPool) : policies.trustPolicy(identityPool, userPool);
    }

    private static Map<String, Object> cloudFormation(
            TenantPolicies policies,
            @Nullable Object permissions,
            Map<String, String> tags,
            @Nullable String identityPool,
            @Nullable String userPool) {
        Map<String, Object> replacements = new LinkedHashMap<>();
        Object poolId = identityPool;
        if (identityPool == null) {
            poolId = Map.of("Ref", "IdentityPool");
            replacements.put(IDENTITY_POOL_STAND_IN, poolId);
        }
        Object provider;
        if (userPool == null) {
            provider = Map.of("Fn::GetAtt", List.of("UserPool", "ProviderName"));
            replacements.put("cognito-idp.us-east-1.amazonaws.com/" + USER_POOL_STAND_IN, provider);
        } else {
            provider = "cognito-idp." + userPool.substring(0, Math.max(0, userPool.indexOf('_'))) + ".amazonaws.com/"
                    + userPool;
        }
        Object trust = substitute(
                plain(policies.trustPolicy(
                        identityPool == null ? IDENTITY_POOL_STAND_IN : identityPool,
                        userPool == null ? USER_POOL_STAND_IN : userPool)),
                replacements);

        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("PolicyName", "tenant-client");
        policy.put("PolicyDocument", permissions);
        Map<String, Object> roleProperties = new LinkedHashMap<>();
        roleProperties.put("AssumeRolePolicyDocument", trust);
        roleProperties.put("Policies", List.of(policy));
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("Type", "AWS::IAM::Role");
        role.put("Properties", roleProperties);

        Map<String, Object> tagProperties = new LinkedHashMap<>();
        tagProperties.put("IdentityPoolId", poolId);
        tagProperties.put("IdentityProviderName", provider);
        tagProperties.put("UseDefaults", false);
        tagProperties.put("PrincipalTags", tags);
        Map<String, Object> principalTags = new LinkedHashMap<>();
        principalTags.put("Type", "AWS::Cognito::IdentityPoolPrincipalTag");
        principalTags.put("Properties", tagProperties);

        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("TenantAuthenticatedRole", role);
        resources.put("TenantPrincipalTags", principalTags);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("Resources", resources);
        return root;
    }

    private static @Nullable Object plain(IamPolicy policy) {
        return JsonText.toPlain(JsonText.parse(TenantPolicies.toJson(policy)));
    }

    private static @Nullable Object substitute(@Nullable Object value, Map<String, Object> replacements) {
        if (value instanceof String text) {
            return replacements.getOrDefault(text, text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), substitute(v, replacements)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(substitute(v, replacements)));
            return out;
        }
        return value;
    }
}
