/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor.internal;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.Finding;
import dev.tenantclient.doctor.Finding.Severity;
import dev.tenantclient.doctor.iam.PolicyEvaluator;
import dev.tenantclient.policy.PolicyResources;
import dev.tenantclient.policy.TenantPolicies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * Compares what a role's deployed permission policies grant with what {@link TenantPolicies} generates for the same
 * layout, tables and buckets — by evaluating both, with the local gateway's {@link PolicyEvaluator}, for a fixed
 * set of probe requests made by one tenant: its own items and objects, another tenant's, requests without leading
 * keys or without a listing prefix, table- and bucket-wide actions. A probe the deployed policies allow and the
 * generated ones deny is a grant beyond the boundary; the reverse is a permission the application will miss.
 */
final class GrantComparison {

    /** Item actions: their request carries leading keys. */
    private static final List<String> ITEM_ACTIONS = TenantPolicies.DYNAMODB_ACTIONS;
    /** Table-wide actions: no leading keys, or the whole table. */
    private static final List<String> TABLE_ACTIONS = List.of(
            "dynamodb:Scan",
            "dynamodb:PartiQLSelect",
            "dynamodb:PartiQLInsert",
            "dynamodb:PartiQLUpdate",
            "dynamodb:PartiQLDelete",
            "dynamodb:ExportTableToPointInTime",
            "dynamodb:CreateBackup",
            "dynamodb:RestoreTableToPointInTime",
            "dynamodb:UpdateTable",
            "dynamodb:DeleteTable");

    private static final List<String> STREAM_ACTIONS = List.of("dynamodb:GetRecords", "dynamodb:GetShardIterator");
    private static final List<String> OBJECT_ACTIONS = List.of(
            "s3:GetObject",
            "s3:PutObject",
            "s3:DeleteObject",
            "s3:AbortMultipartUpload",
            "s3:ListMultipartUploadParts",
            "s3:GetObjectVersion",
            "s3:DeleteObjectVersion",
            "s3:GetObjectAcl",
            "s3:PutObjectAcl",
            "s3:PutObjectTagging",
            "s3:RestoreObject");
    private static final List<String> BUCKET_ACTIONS = List.of(
            "s3:ListBucketVersions",
            "s3:ListBucketMultipartUploads",
            "s3:PutBucketPolicy",
            "s3:DeleteBucketPolicy",
            "s3:PutBucketAcl",
            "s3:PutLifecycleConfiguration",
            "s3:DeleteBucket");

    private static final String OWN = "acme";
    private static final String OTHER = "globex";
    private static final String LOOKALIKE = "acme-evil";
    private static final String OWN_SUBJECT = "user-1";
    private static final String OTHER_SUBJECT = "user-2";

    /** One request a tenant could make. */
    record Probe(
            String action, String resource, Map<String, List<String>> context, String description, boolean metadata) {}

    private final List<TenantLayout> layouts;
    private final String partition;
    private final String region;
    private final String account;
    private final Map<String, List<String>> tables;
    private final List<String> buckets;

    GrantComparison(
            List<TenantLayout> layouts,
            String partition,
            String region,
            String account,
            Map<String, List<String>> tables,
            List<String> buckets) {
        this.layouts = layouts;
        this.partition = partition;
        this.region = region;
        this.account = account;
        this.tables = tables;
        this.buckets = buckets;
    }

    void compare(Map<String, IamPolicy> deployed, List<Finding> findings) {
        PolicyEvaluator reference = new PolicyEvaluator(generated());
        PolicyEvaluator all = new PolicyEvaluator(List.copyOf(deployed.values()));
        Map<String, PolicyEvaluator> each = new LinkedHashMap<>();
        deployed.forEach((name, policy) -> each.put(name, new PolicyEvaluator(List.of(policy))));
        Map<String, String> tags = principalTags(OWN, OWN_SUBJECT);
        Map<String, List<Probe>> extraByStatement = new LinkedHashMap<>();
        Map<String, Set<String>> conditionsByStatement = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        Set<String> missingIfConditions = new LinkedHashSet<>();
        for (Probe probe : probes()) {
            boolean expected = evaluate(reference, probe, tags).allowed();
            PolicyEvaluator.Decision actual = evaluate(all, probe, tags);
            // Over-grants: a condition the evaluator cannot decide is read as possibly true (it could hold).
            if (actual.possiblyAllowed() && !expected) {
                String statement = grantedBy(each, probe, tags);
                extraByStatement
                        .computeIfAbsent(statement, k -> new ArrayList<>())
                        .add(probe);
                if (!actual.allowed()) {
                    conditionsByStatement
                            .computeIfAbsent(statement, k -> new LinkedHashSet<>())
                            .addAll(actual.unevaluated());
                }
            } else if (expected && !actual.allowed()) {
                // Missing grants: the same conditions are read as possibly false (they could fail).
                missing.add(probe.description());
                if (actual.possiblyAllowed()) {
                    missingIfConditions.addAll(actual.unevaluated());
                }
            }
        }
        extraByStatement.forEach((statement, probes) -> {
            boolean metadata = probes.stream().allMatch(Probe::metadata);
            Set<String> grants = new LinkedHashSet<>();
            probes.forEach(p -> grants.add(p.description()));
            Set<String> conditions = conditionsByStatement.getOrDefault(statement, Set.of());
            String unless = conditions.isEmpty()
                    ? ""
                    : " The doctor cannot evaluate " + String.join(", ", conditions)
                            + ", so it counts each as possibly true: the grant holds whenever they do.";
            findings.add(new Finding(
                    metadata ? Severity.WARNING : Severity.ERROR,
                    metadata ? "permissions.grants-metadata" : "permissions.grants-more",
                    "The role's " + statement + " grants what the generated policy does not: "
                            + String.join("; ", grants) + "." + unless,
                    metadata
                            ? "No tenant's data, but more than the application needs."
                            : "IAM is the second boundary: where it allows a request the library would refuse (another tenant's "
                                    + "keys or folder, a request without leading keys, a table- or bucket-wide action), one bug or "
                                    + "one raw SDK call with a tenant's credentials crosses tenants. A condition on the "
                                    + "transport, time, caller or network does not confine a tenant.",
                    "Remove these grants; the role needs only TenantPolicies.permissionPolicy(...) for this layout."));
        });
        if (!missing.isEmpty()) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "permissions.missing",
                    "The role does not grant what the library needs: " + String.join("; ", missing) + "."
                            + (missingIfConditions.isEmpty()
                                    ? ""
                                    : " It may, if these conditions hold, which the doctor cannot evaluate: "
                                            + String.join(", ", missingIfConditions) + "."),
                    "Not a breach, but these tenant requests will fail with AccessDenied.",
                    "Attach the generated TenantPolicies.permissionPolicy(...) for these tables and buckets."));
        }
    }

    /** Keys a probe describes completely: absent from its context means absent from the request. */
    static final Set<String> MODELLED_KEYS = Set.of("dynamodb:LeadingKeys", "s3:prefix");

    static PolicyEvaluator.Decision evaluate(PolicyEvaluator evaluator, Probe probe, Map<String, String> tags) {
        return evaluator.evaluatePartially(probe.action(), probe.resource(), probe.context(), tags, MODELLED_KEYS);
    }

    /** The deployed policy and statement that (possibly) allow a probe, for the finding's message. */
    private static String grantedBy(Map<String, PolicyEvaluator> each, Probe probe, Map<String, String> tags) {
        for (Map.Entry<String, PolicyEvaluator> policy : each.entrySet()) {
            PolicyEvaluator.Decision decision = evaluate(policy.getValue(), probe, tags);
            if (decision.possiblyAllowed()) {
                return policy.getKey() + " ("
                        + (decision.statement() != null ? decision.statement() : firstNamed(decision)) + ")";
            }
        }
        return "policies together";
    }

    /** The statement of the first condition that could not be evaluated ("operator key in statement"). */
    private static String firstNamed(PolicyEvaluator.Decision decision) {
        if (decision.unevaluated().isEmpty()) {
            return "a statement";
        }
        String first = decision.unevaluated().get(0);
        return first.substring(first.lastIndexOf(" in ") + 4);
    }

    /** The reference: what {@link TenantPolicies} generates for these layouts, tables and buckets. */
    private List<IamPolicy> generated() {
        PolicyResources.Builder resources = resources();
        tables.forEach((name, indexes) -> resources.table(name, indexes.toArray(String[]::new)));
        buckets.forEach(resources::bucket);
        PolicyResources built = resources.build();
        return layouts.stream()
                .map(l -> TenantPolicies.of(l).permissionPolicy(built))
                .toList();
    }

    private PolicyResources.Builder resources() {
        return PolicyResources.builder().partition(partition).region(region).account(account);
    }

    List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        List<String> own = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (TenantLayout layout : layouts) {
            String ownPrefix = layout.partitionKeyPrefix(tenant(layout, OWN, OWN_SUBJECT));
            String otherPrefix = layout.partitionKeyPrefix(tenant(layout, OTHER, OTHER_SUBJECT));
            own.add(layout.isPartitionKeyExact() ? ownPrefix : ownPrefix + "item-1");
            other.add(layout.isPartitionKeyExact() ? otherPrefix : otherPrefix + "item-1");
        }
        tables.forEach((table, indexes) -> {
            // the table's ARN, then its indexes' ARNs, as the policy generator writes them
            List<String> targets = resources()
                    .table(table, indexes.toArray(String[]::new))
                    .build()
                    .tableArns();
            String arn = targets.get(0);
            for (int t = 0; t < targets.size(); t++) {
                String target = targets.get(t);
                String where = t == 0 ? "table " + table : "index " + indexes.get(t - 1) + " of table " + table;
                for (String action : ITEM_ACTIONS) {
                    if (t > 0 && !action.equals("dynamodb:Query")) {
                        continue; // indexes are only queried
                    }
                    for (String key : own) {
                        probes.add(new Probe(
                                action,
                                target,
                                Map.of("dynamodb:LeadingKeys", List.of(key)),
                                action + " on the tenant's own items in " + where,
                                false));
                    }
                    for (String key : other) {
                        probes.add(new Probe(
                                action,
                                target,
                                Map.of("dynamodb:LeadingKeys", List.of(key)),
                                action + " on another tenant's items in " + where,
                                false));
                    }
                    probes.add(
                            new Probe(action, target, Map.of(), action + " without leading keys in " + where, false));
                }
            }
            for (String action : TABLE_ACTIONS) {
                probes.add(new Probe(action, arn, Map.of(), action + " on table " + table, false));
            }
            for (String action : STREAM_ACTIONS) {
                probes.add(new Probe(
                        action,
                        arn + "/stream/2026-01-01T00:00:00.000",
                        Map.of(),
                        action + " on the stream of table " + table,
                        false));
            }
            probes.add(new Probe(
                    "dynamodb:DescribeTable", arn, Map.of(), "dynamodb:DescribeTable on table " + table, true));
        });
        for (String bucket : buckets) {
            String arn = "arn:" + partition + ":s3:::" + bucket;
            for (TenantLayout layout : layouts) {
                String ownFolder = layout.objectKeyPrefix(tenant(layout, OWN, OWN_SUBJECT));
                String otherFolder = layout.objectKeyPrefix(tenant(layout, OTHER, OTHER_SUBJECT));
                String lookalike = layout.objectKeyPrefix(tenant(layout, LOOKALIKE, OWN_SUBJECT + "x"));
                for (String action : OBJECT_ACTIONS) {
                    boolean needed = TenantPolicies.S3_OBJECT_ACTIONS.contains(action);
                    if (needed) {
                        probes.add(new Probe(
                                action,
                                arn + "/" + ownFolder + "reports/q1.pdf",
                                Map.of(),
                                action + " in the tenant's own folder of bucket " + bucket,
                                false));
                    }
                    probes.add(new Probe(
                            action,
                            arn + "/" + otherFolder + "reports/q1.pdf",
                            Map.of(),
                            action + " in another tenant's folder of bucket " + bucket,
                            false));
                    probes.add(new Probe(
                            action,
                            arn + "/" + lookalike + "reports/q1.pdf",
                            Map.of(),
                            action + " in a folder that merely starts with the tenant's name (" + lookalike
                                    + ") of bucket " + bucket,
                            false));
                    probes.add(new Probe(
                            action,
                            arn + "/q1.pdf",
                            Map.of(),
                            action + " outside any tenant folder of bucket " + bucket,
                            false));
                }
                probes.add(listing(arn, ownFolder, "s3:ListBucket of the tenant's own folder in bucket " + bucket));
                probes.add(listing(arn, otherFolder, "s3:ListBucket of another tenant's folder in bucket " + bucket));
                probes.add(listing(arn, lookalike, "s3:ListBucket of " + lookalike + " in bucket " + bucket));
            }
            probes.add(listing(arn, "", "s3:ListBucket with an empty s3:prefix in bucket " + bucket));
            probes.add(new Probe(
                    "s3:ListBucket", arn, Map.of(), "s3:ListBucket without s3:prefix in bucket " + bucket, false));
            for (String action : BUCKET_ACTIONS) {
                probes.add(new Probe(action, arn, Map.of(), action + " on bucket " + bucket, false));
            }
            probes.add(
                    new Probe("s3:GetBucketLocation", arn, Map.of(), "s3:GetBucketLocation on bucket " + bucket, true));
        }
        return probes;
    }

    private static Probe listing(String bucketArn, String prefix, String description) {
        return new Probe("s3:ListBucket", bucketArn, Map.of("s3:prefix", List.of(prefix)), description, false);
    }

    /** @return the principal tags of the tenant the probes are made by */
    Map<String, String> ownTags() {
        return principalTags(OWN, OWN_SUBJECT);
    }

    private Map<String, String> principalTags(String org, String subject) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (TenantLayout layout : layouts) {
            tags.putAll(tenant(layout, org, subject).tags());
        }
        return tags;
    }

    /** A tenant of the layout whose non-subject claims all carry {@code org}. */
    private static Tenant tenant(TenantLayout layout, String org, String subject) {
        Map<String, String> claims = new LinkedHashMap<>();
        layout.principalTags().values().forEach(claim -> claims.put(claim, org));
        claims.put("sub", subject);
        return layout.tenantFromClaims(claims);
    }
}
