/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor.internal;

import dev.tenantclient.CognitoPoolIds;
import dev.tenantclient.LayoutOverlaps;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.DoctorReport;
import dev.tenantclient.doctor.Finding;
import dev.tenantclient.doctor.Finding.Severity;
import dev.tenantclient.doctor.iam.PolicyEvaluator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamStatement;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.DescribeIdentityPoolResponse;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdentityPoolRolesResponse;
import software.amazon.awssdk.services.cognitoidentity.model.GetPrincipalTagAttributeMapResponse;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;

/**
 * The checks behind {@link dev.tenantclient.doctor.TenantDoctor}: one run over one deployment, collecting findings.
 * Every read goes through {@link #read}, which turns a failure into a {@link Severity#COULD_NOT_CHECK} finding.
 */
public final class DeploymentChecks {

    /** Claims Cognito sets itself and no user can choose or write. */
    private static final Set<String> MANAGED_CLAIMS = Set.of("sub", "aud", "iss", "token_use", "cognito:groups");

    private static final String COGNITO = "cognito-identity.amazonaws.com";

    private final List<TenantLayout> layouts;
    private final String region;
    private final String identityPoolId;
    private final String userPoolId;
    private final String clientId;
    private final Map<String, List<String>> tables;
    private final List<String> buckets;
    private final CognitoIdentityClient identity;
    private final CognitoIdentityProviderClient userPools;
    private final IamClient iam;
    private final List<Finding> findings = new ArrayList<>();
    /** The identity pool's providers other than the user pool (each a way to get the role); null when unread. */
    private List<String> otherProviders;

    /**
     * What the application expects of its deployment.
     *
     * @param layouts the layouts the application uses
     * @param region the region id
     * @param identityPoolId the identity pool
     * @param userPoolId the user pool
     * @param clientId the app client id, or null
     * @param tables table name to tenant-keyed index names
     * @param buckets bucket names
     */
    public record Expected(
            List<TenantLayout> layouts,
            String region,
            String identityPoolId,
            String userPoolId,
            String clientId,
            Map<String, List<String>> tables,
            List<String> buckets) {}

    /**
     * The control-plane clients a run reads the deployment with.
     *
     * @param identity Cognito Identity
     * @param userPools Cognito user pools
     * @param iam IAM
     */
    public record ControlPlane(
            CognitoIdentityClient identity, CognitoIdentityProviderClient userPools, IamClient iam) {}

    /**
     * One run.
     *
     * @param expected what the application expects
     * @param controlPlane the clients to read the deployment with
     */
    public DeploymentChecks(Expected expected, ControlPlane controlPlane) {
        this.layouts = expected.layouts();
        this.region = expected.region();
        this.identityPoolId = expected.identityPoolId();
        this.userPoolId = expected.userPoolId();
        this.clientId = expected.clientId();
        this.tables = expected.tables();
        this.buckets = expected.buckets();
        this.identity = controlPlane.identity();
        this.userPools = controlPlane.userPools();
        this.iam = controlPlane.iam();
    }

    /** @return the report */
    public DoctorReport run() {
        checkLayouts();
        checkUserPool();
        String roleArn = checkIdentityPool();
        if (roleArn != null) {
            checkRole(roleArn);
        }
        return new DoctorReport(findings);
    }

    // ------------------------------------------------------------------------------------------------ layouts

    /**
     * Layouts the application uses together share the tables and buckets the doctor is given, and the role grants
     * each of them there. Two that overlap cannot be kept apart on one table or bucket: IAM allows each layout's
     * statement on its own, whatever the other's says.
     */
    private void checkLayouts() {
        String overlap = LayoutOverlaps.firstOverlap(layouts);
        if (overlap != null) {
            List<String> where = new ArrayList<>();
            tables.keySet().forEach(t -> where.add("table " + t));
            buckets.forEach(b -> where.add("bucket " + b));
            add(
                    Severity.ERROR,
                    "layouts.overlap",
                    overlap + " Both are granted on " + String.join(", ", where) + ".",
                    "A tenant of one layout can list, read, overwrite and delete the keys of a tenant of the other"
                            + " whose value it shares (for example, an org named like a user's sub has that user's"
                            + " folder), through the library and with its own credentials, and the generated policies"
                            + " cannot prevent it.",
                    LayoutOverlaps.FIX);
        }
    }

    // ---------------------------------------------------------------------------------------------- user pool

    private void checkUserPool() {
        Set<String> attributes = new LinkedHashSet<>();
        for (TenantLayout layout : layouts) {
            layout.principalTags().values().stream()
                    .filter(c -> !MANAGED_CLAIMS.contains(c))
                    .forEach(attributes::add);
        }
        if (attributes.isEmpty()) {
            return; // every tenant claim is managed by Cognito (sub): nothing a client could write
        }
        for (String claim : List.copyOf(attributes)) {
            if (!claim.startsWith("custom:")) {
                // cognito:username, email, preferred_username, name, ...: chosen by the user at sign-up or
                // writable afterwards (an app client's empty WriteAttributes means every standard attribute)
                attributes.remove(claim);
                add(
                        Severity.ERROR,
                        "user-pool.claim-user-chosen",
                        "The layout's tenant claim '" + claim + "' is one users choose or can change themselves.",
                        "Identity pools are public endpoints: a user who signs up as, or updates their '" + claim
                                + "' to, another tenant's value (or one containing a separator such as '/') exchanges "
                                + "their token for credentials IAM confines to that value.",
                        "Use an immutable custom attribute that only your back end sets (custom:org), or 'sub'.");
            }
        }
        if (attributes.isEmpty()) {
            return;
        }
        List<SchemaAttributeType> schema = read(
                "cognito-idp:DescribeUserPool",
                "the user pool's tenant attribute",
                () -> userPools
                        .describeUserPool(r -> r.userPoolId(userPoolId))
                        .userPool()
                        .schemaAttributes());
        if (schema != null) {
            for (String claim : attributes) {
                SchemaAttributeType attribute = schema.stream()
                        .filter(a -> claim.equals(a.name()) || claim.equals("custom:" + a.name()))
                        .findFirst()
                        .orElse(null);
                if (attribute == null) {
                    add(
                            Severity.ERROR,
                            "user-pool.attribute-missing",
                            "User pool " + userPoolId + " has no attribute '" + claim + "'.",
                            "Tokens carry no tenant claim, so no tenant-scoped credentials can be issued (and a later-added "
                                    + "mutable attribute would let users choose their tenant).",
                            "Add '" + claim
                                    + "' as an immutable custom attribute that only your back end sets (AdminCreateUser).");
                } else if (Boolean.TRUE.equals(attribute.mutable())) {
                    add(
                            Severity.ERROR,
                            "user-pool.attribute-mutable",
                            "Attribute '" + claim + "' of user pool " + userPoolId + " is mutable.",
                            "Anyone allowed to update it (an administrator, or an app client with write access) can move a user "
                                    + "into another tenant; an immutable attribute can only be set when the user is created.",
                            "Create an immutable attribute (custom attributes cannot be made immutable later) and migrate.");
                }
            }
        }
        List<UserPoolClientDescription> clients =
                read(
                        "cognito-idp:ListUserPoolClients",
                        "the user pool's app clients",
                        () -> userPools
                                .listUserPoolClientsPaginator(
                                        r -> r.userPoolId(userPoolId).maxResults(60))
                                .userPoolClients()
                                .stream()
                                .toList());
        if (clients == null) {
            return;
        }
        for (UserPoolClientDescription description : clients) {
            UserPoolClientType client = read(
                    "cognito-idp:DescribeUserPoolClient",
                    "app client " + description.clientId(),
                    () -> userPools
                            .describeUserPoolClient(
                                    r -> r.userPoolId(userPoolId).clientId(description.clientId()))
                            .userPoolClient());
            if (client == null) {
                continue;
            }
            // An empty WriteAttributes means the standard attributes only: custom attributes are never implied.
            for (String claim : attributes) {
                if (client.writeAttributes().contains(claim)) {
                    add(
                            Severity.ERROR,
                            "user-pool.client-writes-attribute",
                            "App client " + client.clientId() + " (" + client.clientName() + ") may write '" + claim
                                    + "'.",
                            "A user can call UpdateUserAttributes (or SignUp) with that client and set their own tenant, then "
                                    + "receive another tenant's credentials.",
                            "Remove '" + claim + "' from the client's WriteAttributes; set it only with admin APIs.");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ identity pool

    private String checkIdentityPool() {
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
            otherProviders = new ArrayList<>();
            pool.cognitoIdentityProviders().stream()
                    .map(CognitoIdentityProvider::providerName)
                    .filter(name -> !provider.equals(name))
                    .forEach(otherProviders::add);
            otherProviders.addAll(pool.supportedLoginProviders().keySet());
            otherProviders.addAll(pool.openIdConnectProviderARNs());
            otherProviders.addAll(pool.samlProviderARNs());
            if (pool.developerProviderName() != null) {
                otherProviders.add("developer provider " + pool.developerProviderName());
            }
            if (!otherProviders.isEmpty()) {
                add(
                        Severity.WARNING,
                        "identity-pool.other-providers",
                        "Identity pool " + identityPoolId + " accepts other identity providers besides user pool "
                                + userPoolId + ": " + String.join(", ", otherProviders) + ".",
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
            couldNotCheck("cognito-identity:GetPrincipalTagAttributeMap", "the identity pool's principal tags", e);
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

    // ------------------------------------------------------------------------------------------------- role

    private void checkRole(String roleArn) {
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
            checkTrust(roleName, trust);
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

    private void checkTrust(String roleName, String document) {
        IamPolicy policy = parse(document, "trust policy of role " + roleName);
        if (policy == null) {
            return;
        }
        List<IamStatement> assume = new ArrayList<>();
        boolean tagSession = false;
        for (IamStatement s : policy.statements()) {
            if (!IamEffect.ALLOW.equals(s.effect()) || s.principals().stream().noneMatch(DeploymentChecks::isCognito)) {
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

    private Map<String, IamPolicy> readPermissionPolicies(String roleName) {
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

    // ------------------------------------------------------------------------------------------------ helpers

    /** IAM returns policy documents URL-encoded (RFC 3986); a literal '+' stays a '+'. */
    static String decode(String document) {
        String trimmed = document.strip();
        return trimmed.startsWith("{")
                ? trimmed
                : URLDecoder.decode(trimmed.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private IamPolicy parse(String document, String what) {
        try {
            return IamPolicy.fromJson(decode(document));
        } catch (RuntimeException e) {
            add(
                    Severity.COULD_NOT_CHECK,
                    "policy.unreadable",
                    "The " + what + " could not be parsed: " + e.getMessage(),
                    "A policy the doctor cannot read could grant anything.",
                    "Check the policy document in the IAM console.");
            return null;
        }
    }

    private <T> T read(String action, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            couldNotCheck(action, what, e);
            return null;
        }
    }

    private void couldNotCheck(String action, String what, SdkException e) {
        String cause = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")"
                : e.getClass().getSimpleName();
        add(
                Severity.COULD_NOT_CHECK,
                "read." + action,
                "Could not check " + what + ": " + action + " failed with " + cause + ".",
                "An unchecked part of the deployment is neither a pass nor a fail.",
                "Grant the doctor's credentials " + action + " (read-only), or run it with credentials that have it.");
    }

    private void add(Severity severity, String check, String problem, String why, String fix) {
        findings.add(new Finding(severity, check, problem, why, fix));
    }
}
