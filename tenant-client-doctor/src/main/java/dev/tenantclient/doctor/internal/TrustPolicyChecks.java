/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor.internal;

import dev.tenantclient.CognitoPoolIds;
import dev.tenantclient.doctor.Finding.Severity;
import dev.tenantclient.doctor.iam.PolicyEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/** The role's trust policy: only Cognito Identity, for this identity pool, authenticated users of this user pool. */
final class TrustPolicyChecks {

    private static final String COGNITO = CheckRun.COGNITO;

    private final CheckRun run;
    private final String identityPoolId;
    private final String userPoolId;

    TrustPolicyChecks(CheckRun run) {
        this.run = run;
        this.identityPoolId = run.expected().identityPoolId();
        this.userPoolId = run.expected().userPoolId();
    }

    void check(String roleName, String document) {
        List<String> otherProviders = run.otherProviders();
        IamPolicy policy = parse(document, "trust policy of role " + roleName);
        if (policy == null) {
            return;
        }
        List<IamStatement> assume = new ArrayList<>();
        boolean tagSession = false;
        for (IamStatement s : policy.statements()) {
            if (!IamEffect.ALLOW.equals(s.effect())
                    || s.principals().stream().noneMatch(TrustPolicyChecks::isCognito)) {
                continue;
            }
            if (s.actions().stream()
                    .anyMatch(a -> PolicyEvaluator.like(a.value(), "sts:AssumeRoleWithWebIdentity", true))) {
                assume.add(s);
            }
            tagSession |= s.actions().stream().anyMatch(a -> PolicyEvaluator.like(a.value(), "sts:TagSession", true));
        }
        if (assume.isEmpty()) {
            add(
                    Severity.ERROR,
                    "trust.no-cognito",
                    "Role " + roleName + " does not let " + COGNITO + " assume it with a web identity.",
                    "The identity pool cannot issue credentials for this role.",
                    "Use TenantPolicies.trustPolicy(identityPoolId) as the role's trust policy.");
            return;
        }
        if (!tagSession) {
            add(
                    Severity.ERROR,
                    "trust.tag-session",
                    "The trust policy of role " + roleName + " does not allow sts:TagSession for " + COGNITO + ".",
                    "Cognito cannot attach the principal tags, so the tenant boundary the permission policy expresses with "
                            + "${aws:PrincipalTag/...} is missing from every session.",
                    "Add \"sts:TagSession\" to the statement that allows sts:AssumeRoleWithWebIdentity.");
        }
        boolean audMissing = false;
        boolean audOther = false;
        boolean amrMissing = false;
        String provider = CognitoPoolIds.loginProvider(userPoolId);
        List<String> unpinned = new ArrayList<>();
        List<String> pinnedElsewhere = new ArrayList<>();
        int index = 0;
        for (IamStatement s : assume) {
            String name = s.sid() != null ? s.sid() : "statement " + index;
            index++;
            switch (amrPin(s, provider)) {
                case OURS -> {}
                case NONE -> unpinned.add(name);
                case OTHER -> pinnedElsewhere.add(name);
            }
            List<String> aud = conditionValues(s, COGNITO + ":aud");
            if (aud.isEmpty()) {
                audMissing = true;
            } else if (!aud.contains(identityPoolId)) {
                audOther = true;
            }
            List<String> amr = conditionValues(s, COGNITO + ":amr");
            if (!amr.contains("authenticated")) {
                amrMissing = true;
            }
        }
        if (audMissing || audOther) {
            add(
                    Severity.ERROR,
                    "trust.aud",
                    "The trust policy of role " + roleName + (audMissing ? " has no " : " has a ") + COGNITO
                            + ":aud condition" + (audMissing ? "" : " naming another identity pool") + ".",
                    audMissing
                            ? "Identities of any identity pool, in any account, can assume the role."
                            : "This identity pool cannot assume the role, another one can.",
                    "Require StringEquals " + COGNITO + ":aud = " + identityPoolId + ".");
        }
        if (!pinnedElsewhere.isEmpty()) {
            add(
                    Severity.ERROR,
                    "trust.amr-provider",
                    "The trust policy of role " + roleName + " (" + String.join(", ", pinnedElsewhere)
                            + ") requires an amr provider other than user pool " + userPoolId + ".",
                    "Users of the user pool cannot assume the role, users of the other provider can.",
                    "Require ForAnyValue:StringEquals " + COGNITO + ":amr = " + provider + ".");
        } else if (!unpinned.isEmpty() && otherProviders != null && !otherProviders.isEmpty()) {
            add(
                    Severity.ERROR,
                    "trust.amr-provider",
                    "The trust policy of role " + roleName + " (" + String.join(", ", unpinned)
                            + ") does not pin the amr condition to user pool " + userPoolId
                            + ", and the identity pool accepts other providers.",
                    "Users of the other providers assume the same role, with principal tags from claims their provider "
                            + "lets them choose.",
                    "Require ForAnyValue:StringEquals " + COGNITO + ":amr = " + provider
                            + " beside amr = authenticated, or remove the other providers.");
        }
        if (amrMissing) {
            add(
                    Severity.ERROR,
                    "trust.amr",
                    "The trust policy of role " + roleName + " does not require " + COGNITO + ":amr = authenticated.",
                    "Unauthenticated (guest) identities can assume the role without a user pool token, and so without a "
                            + "tenant.",
                    "Require ForAnyValue:StringLike " + COGNITO + ":amr = authenticated.");
        }
    }

    private enum Pin {
        OURS,
        NONE,
        OTHER
    }

    /**
     * Whether a statement's amr conditions pin the user pool provider: a positive condition block on amr whose values
     * all name a provider (none matching "authenticated") — several values of one block are ORed, so "authenticated"
     * and the provider in one list pin nothing.
     */
    private static Pin amrPin(IamStatement statement, String provider) {
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        for (IamCondition c : statement.conditions()) {
            String op = c.operator().value();
            if (c.key().value().equalsIgnoreCase(COGNITO + ":amr")
                    && !op.toLowerCase(Locale.ROOT).contains("not")
                    && op.contains("String")) {
                blocks.computeIfAbsent(op, k -> new ArrayList<>()).add(c.value());
            }
        }
        Pin result = Pin.NONE;
        for (List<String> values : blocks.values()) {
            if (values.stream().anyMatch(v -> PolicyEvaluator.like(v, "authenticated", false))) {
                continue;
            }
            if (values.stream().allMatch(v -> PolicyEvaluator.like(v, provider, false))) {
                return Pin.OURS;
            }
            if (values.stream().noneMatch(v -> PolicyEvaluator.like(v, provider, false))) {
                result = Pin.OTHER;
            }
        }
        return result;
    }

    private static boolean isCognito(IamPrincipal principal) {
        return COGNITO.equals(principal.id()) || "*".equals(principal.id());
    }

    private static List<String> conditionValues(IamStatement statement, String key) {
        List<String> values = new ArrayList<>();
        for (IamCondition c : statement.conditions()) {
            if (c.key().value().equalsIgnoreCase(key)
                    && !c.operator().value().toLowerCase(Locale.ROOT).contains("not")) {
                values.add(c.value());
            }
        }
        return values;
    }

    private void add(Severity severity, String check, String problem, String why, String fix) {
        run.add(severity, check, problem, why, fix);
    }

    private @Nullable IamPolicy parse(String document, String what) {
        return run.parse(document, what);
    }
}
