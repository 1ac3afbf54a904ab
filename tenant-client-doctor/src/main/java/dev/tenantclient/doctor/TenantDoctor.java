/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor;

import dev.tenantclient.CognitoPoolIds;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.Finding.Severity;
import dev.tenantclient.doctor.internal.DeploymentChecks;
import dev.tenantclient.policy.PolicyResources;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Checks a real deployment's isolation setup against the {@link TenantLayout} the application uses, with read-only
 * calls: the user pool's tenant attribute and app clients, the identity pool's principal-tag map and authenticated
 * role, that role's trust policy, and its permission policies — the latter compared with what
 * {@link dev.tenantclient.policy.TenantPolicies} generates by evaluating both with the same policy engine as the
 * local IAM gateway, request by request, rather than by comparing text.
 *
 * <pre>{@code
 * DoctorReport report = TenantDoctor.builder()
 *     .layout(TenantLayout.org())
 *     .region(Region.EU_WEST_1)
 *     .userPoolId("eu-west-1_AbCdEf123")
 *     .identityPoolId("eu-west-1:1111-2222-...")
 *     .table("notes", "byAuthor")
 *     .bucket("acme-files")
 *     .build()
 *     .examine();
 * if (!report.passed()) {
 *   System.err.println(report.describe());
 * }
 * }</pre>
 *
 * <p>The caller needs {@code cognito-idp:DescribeUserPool}, {@code cognito-idp:ListUserPoolClients},
 * {@code cognito-idp:DescribeUserPoolClient}, {@code cognito-identity:DescribeIdentityPool},
 * {@code cognito-identity:GetIdentityPoolRoles}, {@code cognito-identity:GetPrincipalTagAttributeMap},
 * {@code iam:GetRole}, {@code iam:ListRolePolicies}, {@code iam:GetRolePolicy},
 * {@code iam:ListAttachedRolePolicies}, {@code iam:GetPolicy}, {@code iam:GetPolicyVersion} and
 * {@code iam:SimulatePrincipalPolicy} (to confirm its verdict with IAM's own evaluator). A part it cannot read becomes
 * a {@link Severity#COULD_NOT_CHECK} finding, never a crash and never a pass.
 *
 * <p>Needs {@code software.amazon.awssdk:iam} and {@code software.amazon.awssdk:cognitoidentityprovider} on the
 * class path (optional dependencies of {@code tenant-client}). Instances are immutable and thread-safe;
 * {@link #examine()} may be called repeatedly.
 */
public final class TenantDoctor {

    private final List<TenantLayout> layouts;
    private final Region region;
    private final String identityPoolId;
    private final String userPoolId;
    private final @Nullable String clientId;
    private final Map<String, List<String>> tables;
    private final List<String> buckets;
    private final @Nullable CognitoIdentityClient cognitoIdentity;
    private final @Nullable CognitoIdentityProviderClient userPools;
    private final @Nullable IamClient iam;
    private final @Nullable URI endpointOverride;

    private TenantDoctor(Builder b) {
        this.layouts = List.copyOf(b.layouts);
        this.region = Objects.requireNonNull(b.region, "checked in build()");
        this.identityPoolId = Objects.requireNonNull(b.identityPoolId, "checked in build()");
        this.userPoolId = Objects.requireNonNull(b.userPoolId, "checked in build()");
        this.clientId = b.clientId;
        this.tables = Map.copyOf(b.tables);
        this.buckets = List.copyOf(b.buckets);
        this.cognitoIdentity = b.cognitoIdentity;
        this.userPools = b.userPools;
        this.iam = b.iam;
        this.endpointOverride = b.endpointOverride;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the deployment and reports what does not match the layout. Uses the clients given to the builder, or
     * creates default ones (default credentials chain) for this call and closes them afterwards.
     *
     * @return the report; {@link DoctorReport#isClean()} for a deployment that matches
     */
    public DoctorReport examine() {
        CognitoIdentityClient identity = cognitoIdentity != null
                ? cognitoIdentity
                : withEndpoint(CognitoIdentityClient.builder().region(region)).build();
        CognitoIdentityProviderClient pools = userPools != null
                ? userPools
                : withEndpoint(CognitoIdentityProviderClient.builder().region(region))
                        .build();
        IamClient iamClient = iam != null
                ? iam
                : withEndpoint(IamClient.builder().region(Region.AWS_GLOBAL)).build();
        try {
            return new DeploymentChecks(
                            new DeploymentChecks.Expected(
                                    layouts, region.id(), identityPoolId, userPoolId, clientId, tables, buckets),
                            new DeploymentChecks.ControlPlane(identity, pools, iamClient))
                    .run();
        } finally {
            if (cognitoIdentity == null) {
                identity.close();
            }
            if (userPools == null) {
                pools.close();
            }
            if (iam == null) {
                iamClient.close();
            }
        }
    }

    private <B extends SdkClientBuilder<B, ?>> B withEndpoint(B builder) {
        return endpointOverride == null ? builder : builder.endpointOverride(endpointOverride);
    }

    @Override
    public String toString() {
        return "TenantDoctor{layouts=" + layouts + ", region=" + region + ", identityPoolId=" + identityPoolId
                + ", userPoolId=" + userPoolId + ", tables=" + tables.keySet() + ", buckets=" + buckets + "}";
    }

    /** Builds a {@link TenantDoctor}. Layout, region, identity pool and user pool are required. */
    public static final class Builder {
        private final List<TenantLayout> layouts = new ArrayList<>();
        private final Map<String, List<String>> tables = new LinkedHashMap<>();
        private final List<String> buckets = new ArrayList<>();
        private @Nullable Region region;
        private @Nullable String identityPoolId;
        private @Nullable String userPoolId;
        private @Nullable String clientId;
        private @Nullable CognitoIdentityClient cognitoIdentity;
        private @Nullable CognitoIdentityProviderClient userPools;
        private @Nullable IamClient iam;
        private @Nullable URI endpointOverride;

        private Builder() {}

        /**
         * A layout the application uses; call once per layout when it uses several (their generated policies are
         * combined, on every table and bucket given). Layouts that {@linkplain TenantLayout#overlaps overlap} cannot
         * share a table or bucket: the report then has the error {@code layouts.overlap}.
         *
         * @param layout the layout
         * @return this builder
         */
        public Builder layout(TenantLayout layout) {
            layouts.add(Objects.requireNonNull(layout, "layout"));
            return this;
        }

        /**
         * The region of the pools and tables.
         *
         * @param region the region
         * @return this builder
         */
        public Builder region(Region region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * The identity pool that exchanges tokens for credentials.
         *
         * @param identityPoolId such as {@code eu-west-1:1111-2222-...}
         * @return this builder
         */
        public Builder identityPoolId(String identityPoolId) {
            if (!CognitoPoolIds.isIdentityPoolId(identityPoolId)) {
                throw new IllegalArgumentException(
                        "identityPoolId must look like <region>:<uuid>, was " + identityPoolId);
            }
            this.identityPoolId = identityPoolId;
            return this;
        }

        /**
         * The user pool that issues the ID tokens.
         *
         * @param userPoolId such as {@code eu-west-1_AbCdEf123}
         * @return this builder
         */
        public Builder userPoolId(String userPoolId) {
            if (!CognitoPoolIds.isUserPoolId(userPoolId)) {
                throw new IllegalArgumentException("userPoolId must look like <region>_<id>, was " + userPoolId);
            }
            this.userPoolId = userPoolId;
            return this;
        }

        /**
         * The application's app client id, when set the identity pool must accept tokens of exactly this client.
         *
         * @param clientId the app client id, or null to skip that check
         * @return this builder
         */
        public Builder clientId(@Nullable String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * A table the application reaches through {@link dev.tenantclient.TenantTable}.
         *
         * @param name the table name
         * @param tenantKeyedIndexes its global secondary indexes whose partition key the layout scopes
         * @return this builder
         */
        public Builder table(String name, String... tenantKeyedIndexes) {
            PolicyResources.builder().table(name, tenantKeyedIndexes); // the generator's validation, one rule
            tables.put(name, List.of(tenantKeyedIndexes));
            return this;
        }

        /**
         * A table given as on the command line and in Spring properties: {@code name}, or
         * {@code name:index1,index2} with its tenant-keyed indexes.
         *
         * @param spec the table and its indexes
         * @return this builder
         */
        public Builder tableSpec(String spec) {
            Objects.requireNonNull(spec, "spec");
            int colon = spec.indexOf(':');
            return colon < 0
                    ? table(spec)
                    : table(spec.substring(0, colon), spec.substring(colon + 1).split(","));
        }

        /**
         * A bucket the application reaches through {@link dev.tenantclient.TenantBucket}.
         *
         * @param name the bucket name
         * @return this builder
         */
        public Builder bucket(String name) {
            PolicyResources.builder().bucket(name);
            buckets.add(name);
            return this;
        }

        /**
         * The Cognito Identity client to read the identity pool with (not closed by the doctor).
         *
         * @param client the client
         * @return this builder
         */
        public Builder cognitoIdentityClient(CognitoIdentityClient client) {
            this.cognitoIdentity = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The Cognito user pools client to read the user pool with (not closed by the doctor).
         *
         * @param client the client
         * @return this builder
         */
        public Builder userPoolsClient(CognitoIdentityProviderClient client) {
            this.userPools = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * One endpoint for the Cognito Identity, Cognito user pools and IAM clients the doctor creates itself (a local
         * stack, a proxy); clients given to the builder are used as they are.
         *
         * @param endpoint the endpoint
         * @return this builder
         */
        public Builder endpointOverride(URI endpoint) {
            this.endpointOverride = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * The IAM client to read the role with (not closed by the doctor).
         *
         * @param client the client
         * @return this builder
         */
        public Builder iamClient(IamClient client) {
            this.iam = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * @return the doctor
         * @throws IllegalStateException when a required setting is missing
         */
        public TenantDoctor build() {
            List<String> missing = new ArrayList<>();
            if (layouts.isEmpty()) {
                missing.add("layout");
            }
            if (region == null) {
                missing.add("region");
            }
            if (identityPoolId == null) {
                missing.add("identityPoolId");
            }
            if (userPoolId == null) {
                missing.add("userPoolId");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("TenantDoctor needs " + String.join(", ", missing));
            }
            if (tables.isEmpty() && buckets.isEmpty()) {
                throw new IllegalStateException(
                        "TenantDoctor needs at least one table or bucket to compare policies for");
            }
            return new TenantDoctor(this);
        }
    }
}
