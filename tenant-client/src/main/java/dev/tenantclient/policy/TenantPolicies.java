/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.policy;

import dev.tenantclient.TenantLayout;
import dev.tenantclient.internal.CognitoNames;
import dev.tenantclient.internal.Printable;
import dev.tenantclient.internal.TenantValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPolicyWriter;
import software.amazon.awssdk.policybuilder.iam.IamPrincipalType;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * Generates the IAM side of a {@link TenantLayout}, so the role's policy and the library's key prefixes come from
 * one definition and cannot drift apart:
 *
 * <pre>{@code
 * TenantPolicies policies = TenantPolicies.of(TenantLayout.org());
 * IamPolicy permissions = policies.permissionPolicy(PolicyResources.builder()
 *     .region("eu-west-1").account("123456789012")
 *     .table("notes", "byOwner")      // the table and its tenant-keyed global indexes
 *     .bucket("files")
 *     .build());
 * String json = TenantPolicies.toJson(permissions);
 * IamPolicy trust = policies.trustPolicy("eu-west-1:1111-2222");
 * Map<String, String> tags = policies.principalTags();     // for SetPrincipalTagAttributeMap
 * }</pre>
 *
 * <p>The permission policy allows DynamoDB item actions only where every leading key matches the layout
 * ({@code ForAllValues:StringLike dynamodb:LeadingKeys "${aws:PrincipalTag/org}#*"}, or {@code StringEquals} for an
 * exact layout) and only when the request has leading keys at all ({@code Null: false} — {@code ForAllValues} is
 * true for a request without keys); it never allows {@code Scan}. It allows S3 object actions only under the
 * layout's folder, and {@code s3:ListBucket} only with an {@code s3:prefix} inside it. Explicit {@code Deny}
 * statements refuse every request of a session whose principal tag is missing or is a value the library refuses
 * (a separator such as {@code /}, a space, a dot segment, empty, too long): identity pools are public endpoints, so
 * IAM must refuse by itself every tag value the library refuses. Immutable and thread-safe.
 */
public final class TenantPolicies {

    /** DynamoDB item actions the wrappers need (transactions are authorized per item action). Never Scan. */
    public static final List<String> DYNAMODB_ACTIONS = List.of(
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
            "dynamodb:ConditionCheckItem");
    /**
     * S3 object actions the wrappers need, multipart uploads included; {@code s3:GetObjectVersion} authorizes
     * {@code getObject}/{@code headObject} with a {@code versionId}.
     */
    public static final List<String> S3_OBJECT_ACTIONS = List.of(
            "s3:GetObject",
            "s3:GetObjectVersion",
            "s3:PutObject",
            "s3:DeleteObject",
            "s3:AbortMultipartUpload",
            "s3:ListMultipartUploadParts");

    private final TenantLayout layout;

    private TenantPolicies(TenantLayout layout) {
        this.layout = layout;
    }

    /**
     * Policies for a layout.
     *
     * @param layout the layout the application's clients use
     * @return the generator
     */
    public static TenantPolicies of(TenantLayout layout) {
        return new TenantPolicies(Objects.requireNonNull(layout, "layout"));
    }

    /** @return the layout */
    public TenantLayout layout() {
        return layout;
    }

    /**
     * The role's permission policy for the given tables and buckets.
     *
     * @param resources the tables (with their tenant-keyed indexes) and buckets
     * @return the policy
     */
    public IamPolicy permissionPolicy(PolicyResources resources) {
        Objects.requireNonNull(resources, "resources");
        List<IamStatement> statements = new ArrayList<>();
        if (!resources.tableArns().isEmpty()) {
            IamStatement.Builder items = IamStatement.builder()
                    .sid("TenantItems")
                    .effect(IamEffect.ALLOW)
                    .actionIds(DYNAMODB_ACTIONS)
                    .resourceIds(resources.tableArns());
            String pattern = layout.iamLeadingKeyPattern();
            items.addCondition(
                    layout.isPartitionKeyExact() ? "ForAllValues:StringEquals" : "ForAllValues:StringLike",
                    "dynamodb:LeadingKeys",
                    pattern);
            items.addCondition(IamConditionOperator.NULL, "dynamodb:LeadingKeys", "false");
            statements.add(items.build());
        }
        if (!resources.buckets().isEmpty()) {
            List<String> objects = new ArrayList<>();
            List<String> buckets = new ArrayList<>();
            for (String bucket : resources.buckets()) {
                buckets.add(resources.bucketArn(bucket));
                objects.add(resources.bucketArn(bucket) + "/" + layout.iamObjectKeyPrefix() + "*");
            }
            statements.add(IamStatement.builder()
                    .sid("TenantObjects")
                    .effect(IamEffect.ALLOW)
                    .actionIds(S3_OBJECT_ACTIONS)
                    .resourceIds(objects)
                    .build());
            statements.add(IamStatement.builder()
                    .sid("TenantListing")
                    .effect(IamEffect.ALLOW)
                    .addAction("s3:ListBucket")
                    .resourceIds(buckets)
                    .addCondition(IamConditionOperator.STRING_LIKE, "s3:prefix", layout.iamObjectKeyPrefix() + "*")
                    .addCondition(IamConditionOperator.NULL, "s3:prefix", "false")
                    .build());
        }
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("resources name no table and no bucket");
        }
        statements.addAll(unsafeTagDenials(resources));
        return IamPolicy.builder().version("2012-10-17").statements(statements).build();
    }

    /**
     * Explicit denials for sessions whose principal tags the library would refuse. Anyone holding a valid ID token can
     * exchange it with the identity pool directly, so IAM sees tag values the library never accepts: {@code /} in
     * {@code org=globex/reports} would widen {@code bucket/${aws:PrincipalTag/org}/*} to globex's {@code reports/}
     * folder. For each tag: one statement for a missing tag ({@code Null}), one for a value matching any of
     * {@link TenantValues#unsafeTagValuePatterns()}. Their resources carry no policy variable, so they apply even
     * when the tag is absent.
     */
    private List<IamStatement> unsafeTagDenials(PolicyResources resources) {
        List<String> actions = new ArrayList<>();
        List<String> arns = new ArrayList<>(resources.tableArns());
        if (!resources.tableArns().isEmpty()) {
            actions.addAll(DYNAMODB_ACTIONS);
        }
        if (!resources.buckets().isEmpty()) {
            actions.addAll(S3_OBJECT_ACTIONS);
            actions.add("s3:ListBucket");
            for (String bucket : resources.buckets()) {
                arns.add(resources.bucketArn(bucket));
                arns.add(resources.bucketArn(bucket) + "/*");
            }
        }
        List<IamStatement> denials = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int position = 0;
        for (String tag : layout.principalTags().keySet()) {
            position++;
            String name = tag.replaceAll("[^A-Za-z0-9]", "");
            name = name.isEmpty() ? "" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
            if (!names.add(name)) {
                name = name + position;
            }
            String key = "aws:PrincipalTag/" + tag;
            denials.add(IamStatement.builder()
                    .sid("DenyMissingTag" + name)
                    .effect(IamEffect.DENY)
                    .actionIds(actions)
                    .resourceIds(arns)
                    .addCondition(IamConditionOperator.NULL, key, "true")
                    .build());
            denials.add(IamStatement.builder()
                    .sid("DenyUnsafeTag" + name)
                    .effect(IamEffect.DENY)
                    .actionIds(actions)
                    .resourceIds(arns)
                    .addConditions(IamConditionOperator.STRING_LIKE, key, TenantValues.unsafeTagValuePatterns())
                    .build());
        }
        return denials;
    }

    /**
     * The role's trust policy: Cognito identities of one identity pool, authenticated, may assume the role and tag
     * the session (without {@code sts:TagSession} the principal tags, and so the tenant boundary, are missing).
     *
     * @param identityPoolId such as {@code eu-west-1:1111-2222}
     * @return the policy
     */
    public IamPolicy trustPolicy(String identityPoolId) {
        return IamPolicy.builder()
                .version("2012-10-17")
                .addStatement(trustStatement(identityPoolId).build())
                .build();
    }

    /**
     * The role's trust policy as {@link #trustPolicy(String)}, with the {@code amr} condition also pinned to one user
     * pool ({@code ForAnyValue:StringEquals cognito-identity.amazonaws.com:amr} = its provider name): identities that
     * signed in with any other provider the identity pool accepts (a social or OIDC login, another user pool) cannot
     * assume the role, whatever claims their provider lets them choose.
     *
     * @param identityPoolId such as {@code eu-west-1:1111-2222}
     * @param userPoolId the user pool whose tokens carry the tenant claim, such as {@code eu-west-1_AbCdEf123}
     * @return the policy
     */
    public IamPolicy trustPolicy(String identityPoolId, String userPoolId) {
        if (userPoolId == null || !CognitoNames.USER_POOL_ID.matcher(userPoolId).matches()) {
            throw new IllegalArgumentException(
                    "userPoolId must look like <region>_<id>, was " + Printable.of(userPoolId));
        }
        return IamPolicy.builder()
                .version("2012-10-17")
                .addStatement(trustStatement(identityPoolId)
                        .addCondition(
                                "ForAnyValue:StringEquals",
                                "cognito-identity.amazonaws.com:amr",
                                CognitoNames.loginProvider(userPoolId))
                        .build())
                .build();
    }

    private static IamStatement.Builder trustStatement(String identityPoolId) {
        if (identityPoolId == null
                || !CognitoNames.IDENTITY_POOL_ID.matcher(identityPoolId).matches()) {
            throw new IllegalArgumentException(
                    "identityPoolId must look like <region>:<uuid>, was " + Printable.of(identityPoolId));
        }
        return IamStatement.builder()
                .sid("CognitoIdentityPoolAuthenticated")
                .effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipalType.FEDERATED, "cognito-identity.amazonaws.com")
                .addAction("sts:AssumeRoleWithWebIdentity")
                .addAction("sts:TagSession")
                .addCondition(IamConditionOperator.STRING_EQUALS, "cognito-identity.amazonaws.com:aud", identityPoolId)
                .addCondition("ForAnyValue:StringLike", "cognito-identity.amazonaws.com:amr", "authenticated");
    }

    /**
     * The identity pool's principal-tag map ({@code SetPrincipalTagAttributeMap}, or CloudFormation
     * {@code AWS::Cognito::IdentityPoolPrincipalTag}): tag name to token claim.
     *
     * @return tag to claim, in the layout's order
     */
    public Map<String, String> principalTags() {
        return new LinkedHashMap<>(layout.principalTags());
    }

    /**
     * A policy as pretty-printed JSON, byte-for-byte stable for the same policy; characters outside ASCII are written
     * as JSON unicode escapes.
     *
     * @param policy the policy
     * @return the JSON
     */
    public static String toJson(IamPolicy policy) {
        String json = IamPolicyWriter.builder().prettyPrint(true).build().writeToString(policy);
        // non-ASCII characters (the space separators the Deny statements name) only occur inside JSON strings:
        // escape them, so the document is plain ASCII that survives consoles, terminals and copy and paste
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < 0x80) {
                out.append(c);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "TenantPolicies{" + layout + "}";
    }
}
