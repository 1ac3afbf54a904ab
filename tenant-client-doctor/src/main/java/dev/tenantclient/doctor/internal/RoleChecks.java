/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor.internal;

import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.Finding;
import dev.tenantclient.doctor.Finding.Severity;
import dev.tenantclient.doctor.iam.PolicyEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;

/** The authenticated role: its permission policies grant what the generated ones do, confirmed with IAM's simulator. */
final class RoleChecks {

    private final CheckRun run;
    private final List<TenantLayout> layouts;
    private final String region;
    private final Map<String, List<String>> tables;
    private final List<String> buckets;
    private final IamClient iam;
    private final List<Finding> findings;

    RoleChecks(CheckRun run) {
        this.run = run;
        this.layouts = run.expected().layouts();
        this.region = run.expected().region();
        this.tables = run.expected().tables();
        this.buckets = run.expected().buckets();
        this.iam = run.controlPlane().iam();
        this.findings = run.findings();
    }

    void check(String roleArn) {
        String[] arn = roleArn.split(":", 6);
        if (arn.length != 6 || !arn[5].startsWith("role/")) {
            add(
                    Severity.COULD_NOT_CHECK,
                    "role.arn",
                    "The authenticated role '" + roleArn + "' is not a role ARN.",
                    "Its policies could not be read.",
                    "Set the identity pool's authenticated role to an IAM role ARN.");
            return;
        }
        String partition = arn[1];
        String account = arn[4];
        String roleName = arn[5].substring(arn[5].lastIndexOf('/') + 1);
        String trust = read(
                "iam:GetRole",
                "the trust policy of role " + roleName,
                () -> iam.getRole(r -> r.roleName(roleName)).role().assumeRolePolicyDocument());
        if (trust != null) {
            new TrustPolicyChecks(run).check(roleName, trust);
        }
        Map<String, IamPolicy> policies = readPermissionPolicies(roleName);
        if (policies != null) {
            GrantComparison comparison = new GrantComparison(layouts, partition, region, account, tables, buckets);
            comparison.compare(policies, findings);
            confirmWithIam(roleArn, comparison, policies);
        }
    }

    /**
     * Asks IAM's own evaluator, SimulatePrincipalPolicy with the probes' context keys and principal tags, whether it
     * agrees with the doctor's verdict on each probe. A disagreement is an error; a simulator the doctor may not call
     * is "could not check"; a simulation that lacked context values it needed is reported, never a silent pass.
     */
    private void confirmWithIam(String roleArn, GrantComparison comparison, Map<String, IamPolicy> policies) {
        PolicyEvaluator deployed = new PolicyEvaluator(List.copyOf(policies.values()));
        Map<String, String> tags = comparison.ownTags();
        Map<String, List<GrantComparison.Probe>> groups = new LinkedHashMap<>();
        for (GrantComparison.Probe probe : comparison.probes()) {
            groups.computeIfAbsent(probe.resource() + "\u0000" + probe.context(), k -> new ArrayList<>())
                    .add(probe);
        }
        List<String> disagreements = new ArrayList<>();
        Set<String> missingContext = new LinkedHashSet<>();
        for (List<GrantComparison.Probe> group : groups.values()) {
            GrantComparison.Probe first = group.get(0);
            List<ContextEntry> entries = new ArrayList<>();
            first.context()
                    .forEach((key, values) -> entries.add(ContextEntry.builder()
                            .contextKeyName(key)
                            .contextKeyValues(values)
                            .contextKeyType(
                                    key.equalsIgnoreCase("dynamodb:LeadingKeys")
                                            ? ContextKeyTypeEnum.STRING_LIST
                                            : ContextKeyTypeEnum.STRING)
                            .build()));
            tags.forEach((tag, value) -> entries.add(ContextEntry.builder()
                    .contextKeyName("aws:PrincipalTag/" + tag)
                    .contextKeyValues(value)
                    .contextKeyType(ContextKeyTypeEnum.STRING)
                    .build()));
            List<String> actions =
                    group.stream().map(GrantComparison.Probe::action).distinct().toList();
            List<EvaluationResult> results = read(
                    "iam:SimulatePrincipalPolicy",
                    "IAM's own verdict on the doctor's probe requests",
                    () -> iam
                            .simulatePrincipalPolicyPaginator(r -> r.policySourceArn(roleArn)
                                    .actionNames(actions)
                                    .resourceArns(first.resource())
                                    .contextEntries(entries))
                            .evaluationResults()
                            .stream()
                            .toList());
            if (results == null) {
                return; // reported once as could-not-check
            }
            for (GrantComparison.Probe probe : group) {
                EvaluationResult result = results.stream()
                        .filter(r -> probe.action().equalsIgnoreCase(r.evalActionName()))
                        .findFirst()
                        .orElse(null);
                PolicyEvaluator.Decision local = GrantComparison.evaluate(deployed, probe, tags);
                if (result == null) {
                    disagreements.add(probe.description() + " (IAM returned no result)");
                    continue;
                }
                boolean awsAllows = result.evalDecision() == PolicyEvaluationDecisionType.ALLOWED;
                // keys a probe leaves out on purpose (a request without leading keys or prefix) are known absent
                List<String> missingValues = result.missingContextValues().stream()
                        .filter(k -> GrantComparison.MODELLED_KEYS.stream().noneMatch(k::equalsIgnoreCase))
                        .toList();
                if (!missingValues.isEmpty()) {
                    missingContext.addAll(missingValues);
                    if (!local.uncertain() && awsAllows != local.allowed()) {
                        disagreements.add(probe.description() + " (IAM: " + result.evalDecisionAsString() + ")");
                    }
                } else if (local.uncertain() ? awsAllows && !local.possiblyAllowed() : awsAllows != local.allowed()) {
                    disagreements.add(probe.description() + " (IAM: " + result.evalDecisionAsString() + ", doctor: "
                            + (local.allowed() ? "allowed" : "denied") + ")");
                }
            }
        }
        if (!disagreements.isEmpty()) {
            add(
                    Severity.ERROR,
                    "permissions.simulation-disagrees",
                    "IAM's policy simulator and the doctor disagree on: "
                            + String.join("; ", disagreements.subList(0, Math.min(10, disagreements.size())))
                            + (disagreements.size() > 10 ? "; and " + (disagreements.size() - 10) + " more" : "")
                            + ".",
                    "The doctor's verdict rests on its own reading of the policies; where AWS reads them differently "
                            + "that verdict cannot be trusted.",
                    "Review the role's policies with the IAM policy simulator, and report the case to tenant-client.");
        }
        if (!missingContext.isEmpty()) {
            add(
                    Severity.COULD_NOT_CHECK,
                    "permissions.simulation-context",
                    "IAM's policy simulator needed context values the doctor cannot supply: "
                            + String.join(", ", missingContext) + ".",
                    "Conditions on these keys decide the role's grants in ways neither evaluator can confirm here.",
                    "Avoid conditions on request context in the role's permission policies, or check them by hand.");
        }
    }

    private @Nullable Map<String, IamPolicy> readPermissionPolicies(String roleName) {
        Map<String, IamPolicy> policies = new LinkedHashMap<>();
        List<String> inline = read(
                "iam:ListRolePolicies",
                "the inline policies of role " + roleName,
                () -> iam.listRolePoliciesPaginator(r -> r.roleName(roleName)).policyNames().stream()
                        .toList());
        List<AttachedPolicy> attached = read(
                "iam:ListAttachedRolePolicies",
                "the managed policies of role " + roleName,
                () -> iam.listAttachedRolePoliciesPaginator(r -> r.roleName(roleName)).attachedPolicies().stream()
                        .toList());
        if (inline == null || attached == null) {
            return null; // comparing a partial set of policies would be a false pass
        }
        for (String name : inline) {
            String document = read(
                    "iam:GetRolePolicy",
                    "inline policy " + name,
                    () -> iam.getRolePolicy(r -> r.roleName(roleName).policyName(name))
                            .policyDocument());
            IamPolicy policy = document == null ? null : parse(document, "inline policy " + name);
            if (policy == null) {
                return null;
            }
            policies.put("inline policy " + name, policy);
        }
        for (AttachedPolicy a : attached) {
            String document = read("iam:GetPolicyVersion", "managed policy " + a.policyName(), () -> {
                String version =
                        iam.getPolicy(r -> r.policyArn(a.policyArn())).policy().defaultVersionId();
                return iam.getPolicyVersion(r -> r.policyArn(a.policyArn()).versionId(version))
                        .policyVersion()
                        .document();
            });
            IamPolicy policy = document == null ? null : parse(document, "managed policy " + a.policyName());
            if (policy == null) {
                return null;
            }
            policies.put("managed policy " + a.policyName(), policy);
        }
        return policies;
    }

    private <T> @Nullable T read(String action, String what, Supplier<T> call) {
        return run.read(action, what, call);
    }

    private void add(Severity severity, String check, String problem, String why, String fix) {
        run.add(severity, check, problem, why, fix);
    }

    private @Nullable IamPolicy parse(String document, String what) {
        return run.parse(document, what);
    }
}
