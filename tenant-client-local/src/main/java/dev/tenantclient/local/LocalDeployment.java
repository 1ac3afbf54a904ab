/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.local.internal.AnsweringServer;
import dev.tenantclient.local.internal.AwsJsonResponses;
import dev.tenantclient.policy.TenantPolicies;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * The local stack's deployment as a control plane sees it — user pool, identity pool, authenticated role — answering
 * the read-only calls {@link dev.tenantclient.doctor.TenantDoctor} makes, in each service's real wire protocol:
 * Cognito user pools and Cognito Identity (AWS JSON 1.1, {@code X-Amz-Target}) and IAM (the Query protocol, XML).
 *
 * <p>It starts correct: an immutable tenant attribute no app client can write, the layouts' principal-tag map, the
 * generated trust policy, and one generated permission policy per layout on every table and every bucket of the
 * stack. Tests break it on purpose with the mutators below, one thing at a time, and {@link #reset()} it.
 *
 * <p>The identity pool is the {@linkplain LocalTenantStack#cognito() Cognito Identity emulator}'s own: its
 * principal-tag map, login providers and authenticated role, changed here or through the emulator's control plane
 * ({@code SetPrincipalTagAttributeMap}), are what the credentials exchange applies (a changed map changes the next
 * credentials' tags; without the user pool provider or the role the exchange is refused). The user pool, trust and
 * permission policies here change only what the control plane reports; the gateway enforces the role's policies only
 * with {@link LocalTenantStack#enforceDeployedPolicies(boolean)}.
 */
public final class LocalDeployment implements AutoCloseable {

    /** The authenticated role's name. */
    public static final String ROLE_NAME = "tenant-client-local-authenticated";
    /** The app client's name. */
    public static final String APP_CLIENT_NAME = "local-app";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final List<TenantLayout> layouts;
    private final CognitoIdentityEmulator cognito;
    private final IdentityPool pool;
    private final Supplier<List<IamPolicy>> permissionPolicies;
    private final WireMockServer server;

    private final Map<String, Boolean> attributes = new LinkedHashMap<>();
    private final Map<String, List<String>> clientWriteAttributes = new LinkedHashMap<>();
    private final Map<String, String> inlinePolicies = new LinkedHashMap<>();
    private final Map<String, String> managedPolicies = new LinkedHashMap<>();
    private final Set<String> deniedReads = new HashSet<>();
    private final Set<String> simulatorFlips = new HashSet<>();
    private String trustPolicy;
    private boolean generatedPermissionPolicies;

    LocalDeployment(
            List<TenantLayout> layouts, CognitoIdentityEmulator cognito, Supplier<List<IamPolicy>> permissionPolicies) {
        this.layouts = List.copyOf(layouts);
        this.cognito = cognito;
        this.pool = cognito.pool();
        this.permissionPolicies = permissionPolicies;
        // the identity pool is the emulator's and may be in use already: only this control plane's state starts here
        resetUserPoolAndRole();
        this.server = AnsweringServer.start("local-control-plane", this::answer, o -> o);
    }

    /**
     * The control plane's endpoint, for the Cognito Identity, Cognito user pools and IAM clients alike.
     *
     * @return the endpoint
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** @return the authenticated role's ARN */
    public String roleArn() {
        return "arn:aws:iam::" + LocalTenantStack.ACCOUNT_ID + ":role/" + ROLE_NAME;
    }

    /**
     * Restores the correct configuration.
     *
     * @return this deployment
     */
    public synchronized LocalDeployment reset() {
        pool.reset();
        resetUserPoolAndRole();
        return this;
    }

    private void resetUserPoolAndRole() {
        attributes.clear();
        attributes.put("sub", false);
        attributes.put("email", true);
        for (TenantLayout layout : layouts) {
            layout.principalTags().values().stream()
                    .filter(c -> c.startsWith("custom:"))
                    .forEach(c -> attributes.put(c, false));
        }
        clientWriteAttributes.clear();
        clientWriteAttributes.put(LocalTenantStack.CLIENT_ID, List.of("email", "name"));
        trustPolicy =
                TenantPolicies.toJson(TenantPolicies.of(layouts.get(0)).trustPolicy(LocalTenantStack.IDENTITY_POOL_ID));
        inlinePolicies.clear();
        managedPolicies.clear();
        generatedPermissionPolicies = true;
        deniedReads.clear();
        simulatorFlips.clear();
    }

    /**
     * Sets whether a user pool attribute is mutable ({@code custom:org}, say).
     *
     * @param attribute the attribute name as in tokens
     * @param mutable whether it is mutable
     * @return this deployment
     */
    public synchronized LocalDeployment attributeMutable(String attribute, boolean mutable) {
        attributes.put(Objects.requireNonNull(attribute, "attribute"), mutable);
        return this;
    }

    /** The user pool's attributes now, as in tokens. */
    synchronized List<String> attributeNames() {
        return List.copyOf(attributes.keySet());
    }

    /**
     * Removes an attribute from the user pool's schema.
     *
     * @param attribute the attribute name as in tokens
     * @return this deployment
     */
    public synchronized LocalDeployment removeAttribute(String attribute) {
        attributes.remove(attribute);
        return this;
    }

    /**
     * Adds an app client (or replaces its write attributes).
     *
     * @param clientId the client id
     * @param writeAttributes the attributes it may write
     * @return this deployment
     */
    public synchronized LocalDeployment appClient(String clientId, String... writeAttributes) {
        clientWriteAttributes.put(Objects.requireNonNull(clientId, "clientId"), List.of(writeAttributes));
        return this;
    }

    /**
     * Replaces the identity pool's principal-tag map (tag to claim): the next credentials the emulator issues carry
     * these tags.
     *
     * @param tagToClaim the map; empty for none
     * @return this deployment
     */
    public synchronized LocalDeployment principalTags(Map<String, String> tagToClaim) {
        pool.principalTags(Map.copyOf(tagToClaim));
        return this;
    }

    /**
     * Replaces the role's trust policy.
     *
     * @param json the policy document
     * @return this deployment
     */
    public synchronized LocalDeployment trustPolicy(String json) {
        this.trustPolicy = Objects.requireNonNull(json, "json");
        return this;
    }

    /**
     * Adds (or replaces) an inline policy of the role.
     *
     * @param name the policy name
     * @param json the policy document
     * @return this deployment
     */
    public synchronized LocalDeployment putRolePolicy(String name, String json) {
        inlinePolicies.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(json, "json"));
        return this;
    }

    /**
     * Attaches a customer-managed policy to the role.
     *
     * @param name the policy name (its ARN is {@code arn:aws:iam::000000000000:policy/<name>})
     * @param json the policy document
     * @return this deployment
     */
    public synchronized LocalDeployment attachPolicy(String name, String json) {
        managedPolicies.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(json, "json"));
        return this;
    }

    /**
     * Removes the generated permission policies, leaving only those added with {@link #putRolePolicy} and
     * {@link #attachPolicy}.
     *
     * @return this deployment
     */
    public synchronized LocalDeployment withoutGeneratedPolicies() {
        generatedPermissionPolicies = false;
        return this;
    }

    /**
     * Answers one read action with {@code AccessDenied}, as for a caller lacking that permission.
     *
     * @param action such as {@code iam:GetRole} or {@code cognito-idp:DescribeUserPool}
     * @return this deployment
     */
    public synchronized LocalDeployment denyRead(String action) {
        deniedReads.add(Objects.requireNonNull(action, "action"));
        return this;
    }

    /**
     * Makes the identity pool use Cognito's default principal tags ({@code username} from {@code sub},
     * {@code client} from {@code aud}) instead of its map, for the control plane and the exchange alike.
     *
     * @return this deployment
     */
    public synchronized LocalDeployment useDefaultPrincipalTags() {
        pool.useDefaultPrincipalTags();
        return this;
    }

    /**
     * Removes the user pool from the identity pool's authentication providers: the exchange then refuses its tokens.
     *
     * @return this deployment
     */
    public synchronized LocalDeployment removeUserPoolProvider() {
        pool.userPoolRegistered(false);
        return this;
    }

    /**
     * Removes the identity pool's authenticated role: the exchange then answers
     * {@code InvalidIdentityPoolConfigurationException}.
     *
     * @return this deployment
     */
    public synchronized LocalDeployment removeAuthenticatedRole() {
        pool.authenticatedRole(false);
        return this;
    }

    /**
     * Adds a role mapping for the user pool provider.
     *
     * @param type {@code Token} or {@code Rules}
     * @return this deployment
     */
    public synchronized LocalDeployment roleMapping(String type) {
        pool.roleMapping(type);
        return this;
    }

    /**
     * Adds another login provider to the identity pool (a social or OIDC login, say), beside the user pool.
     *
     * @param name the provider name, such as {@code accounts.google.com}
     * @param appId the provider's application id
     * @return this deployment
     */
    public synchronized LocalDeployment otherLoginProvider(String name, String appId) {
        pool.otherLoginProvider(name, appId);
        return this;
    }

    /**
     * Makes the emulated policy simulator (SimulatePrincipalPolicy) answer the opposite of the policies for one
     * action, as AWS would where it reads a policy differently from the local evaluator.
     *
     * @param action such as {@code dynamodb:Scan}
     * @return this deployment
     */
    public synchronized LocalDeployment simulatorDisagreesOn(String action) {
        simulatorFlips.add(Objects.requireNonNull(action, "action"));
        return this;
    }

    /**
     * The role's permission policies as the control plane reports them now: its inline policies (the generated ones
     * unless {@link #withoutGeneratedPolicies()} removed them) and its managed policies.
     *
     * @return the policies
     * @throws IllegalArgumentException when one does not parse
     */
    public synchronized List<IamPolicy> rolePolicies() {
        List<IamPolicy> policies = new java.util.ArrayList<>();
        allInlinePolicies().values().forEach(json -> policies.add(IamPolicy.fromJson(json)));
        managedPolicies.values().forEach(json -> policies.add(IamPolicy.fromJson(json)));
        return policies;
    }

    /** The generated inline policies: one per layout, on every table and every bucket of the stack. */
    private Map<String, String> allInlinePolicies() {
        Map<String, String> all = new LinkedHashMap<>();
        if (generatedPermissionPolicies) {
            List<IamPolicy> generated = permissionPolicies.get();
            for (int i = 0; i < generated.size(); i++) {
                all.put("tenant-client-" + i, TenantPolicies.toJson(generated.get(i)));
            }
        }
        all.putAll(inlinePolicies);
        return all;
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String toString() {
        return "LocalDeployment{" + endpoint() + "}";
    }

    // ---------------------------------------------------------------------------------------------- protocol

    private synchronized ResponseDefinition answer(Request request) {
        String target = request.getHeader("X-Amz-Target");
        try {
            if (target != null && target.startsWith("AWSCognitoIdentityService.")) {
                return cognitoIdentity(
                        target.substring(target.indexOf('.') + 1), JSON.readTree(request.getBodyAsString()));
            }
            if (target != null && target.startsWith("AWSCognitoIdentityProviderService.")) {
                return userPools(target.substring(target.indexOf('.') + 1), JSON.readTree(request.getBodyAsString()));
            }
            return iam(form(request.getBodyAsString()));
        } catch (IOException e) {
            return jsonError("SerializationException", "Request body is not valid JSON");
        }
    }

    private ResponseDefinition cognitoIdentity(String operation, JsonNode body) {
        if (deniedReads.contains("cognito-identity:" + operation)) {
            return jsonError("AccessDeniedException", "not authorized to perform: cognito-identity:" + operation);
        }
        return cognito.controlPlane(operation, body);
    }

    private ResponseDefinition userPools(String operation, JsonNode body) {
        if (deniedReads.contains("cognito-idp:" + operation)) {
            return jsonError("AccessDeniedException", "not authorized to perform: cognito-idp:" + operation);
        }
        if (!LocalTenantStack.USER_POOL_ID.equals(body.path("UserPoolId").asText())) {
            return jsonError(
                    "ResourceNotFoundException",
                    "User pool " + body.path("UserPoolId").asText() + " does not exist.");
        }
        ObjectNode out = JSON.createObjectNode();
        switch (operation) {
            case "DescribeUserPool" -> {
                ObjectNode pool = out.putObject("UserPool")
                        .put("Id", LocalTenantStack.USER_POOL_ID)
                        .put("Name", "tenant-client-local");
                ArrayNode schema = pool.putArray("SchemaAttributes");
                attributes.forEach((name, mutable) -> schema.addObject()
                        .put("Name", name)
                        .put("AttributeDataType", "String")
                        .put("DeveloperOnlyAttribute", false)
                        .put("Mutable", mutable)
                        .put("Required", name.equals("sub")));
            }
            case "ListUserPoolClients" -> {
                ArrayNode clients = out.putArray("UserPoolClients");
                clientWriteAttributes
                        .keySet()
                        .forEach(id -> clients.addObject()
                                .put("ClientId", id)
                                .put("UserPoolId", LocalTenantStack.USER_POOL_ID)
                                .put("ClientName", id.equals(LocalTenantStack.CLIENT_ID) ? APP_CLIENT_NAME : id));
            }
            case "DescribeUserPoolClient" -> {
                String id = body.path("ClientId").asText();
                List<String> writes = clientWriteAttributes.get(id);
                if (writes == null) {
                    return jsonError("ResourceNotFoundException", "User pool client " + id + " does not exist.");
                }
                ObjectNode client = out.putObject("UserPoolClient")
                        .put("UserPoolId", LocalTenantStack.USER_POOL_ID)
                        .put("ClientId", id)
                        .put("ClientName", id.equals(LocalTenantStack.CLIENT_ID) ? APP_CLIENT_NAME : id);
                ArrayNode write = client.putArray("WriteAttributes");
                writes.forEach(write::add);
                ArrayNode read = client.putArray("ReadAttributes");
                attributes.keySet().forEach(read::add);
            }
            default -> {
                return jsonError(
                        "UnknownOperationException", "The local control plane does not implement " + operation);
            }
        }
        return jsonOk(out);
    }

    private ResponseDefinition iam(Map<String, String> form) {
        String action = form.getOrDefault("Action", "");
        if (deniedReads.contains("iam:" + action)) {
            return iamError(
                    403,
                    "AccessDenied",
                    "User: arn:aws:sts::" + LocalTenantStack.ACCOUNT_ID
                            + ":assumed-role/doctor is not authorized to perform: iam:" + action);
        }
        String role = form.get("RoleName");
        if (role != null && !role.equals(ROLE_NAME)) {
            return iamError(404, "NoSuchEntity", "The role with name " + role + " cannot be found.");
        }
        StringBuilder result = new StringBuilder();
        switch (action) {
            case "GetRole" ->
                result.append("<Role><Path>/</Path><AssumeRolePolicyDocument>")
                        .append(encode(trustPolicy))
                        .append("</AssumeRolePolicyDocument><MaxSessionDuration>3600</MaxSessionDuration>")
                        .append("<RoleId>AROALOCALROLE0000001</RoleId><RoleName>")
                        .append(ROLE_NAME)
                        .append("</RoleName><Arn>")
                        .append(roleArn())
                        .append("</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate></Role>");
            case "ListRolePolicies" -> {
                result.append("<PolicyNames>");
                allInlinePolicies()
                        .keySet()
                        .forEach(n -> result.append("<member>").append(xml(n)).append("</member>"));
                result.append("</PolicyNames><IsTruncated>false</IsTruncated>");
            }
            case "GetRolePolicy" -> {
                String name = form.get("PolicyName");
                String document = allInlinePolicies().get(name);
                if (document == null) {
                    return iamError(404, "NoSuchEntity", "The role policy with name " + name + " cannot be found.");
                }
                result.append("<RoleName>")
                        .append(ROLE_NAME)
                        .append("</RoleName><PolicyName>")
                        .append(xml(name))
                        .append("</PolicyName><PolicyDocument>")
                        .append(encode(document))
                        .append("</PolicyDocument>");
            }
            case "ListAttachedRolePolicies" -> {
                result.append("<AttachedPolicies>");
                managedPolicies
                        .keySet()
                        .forEach(n -> result.append("<member><PolicyName>")
                                .append(xml(n))
                                .append("</PolicyName><PolicyArn>")
                                .append(xml(policyArn(n)))
                                .append("</PolicyArn></member>"));
                result.append("</AttachedPolicies><IsTruncated>false</IsTruncated>");
            }
            case "GetPolicy", "GetPolicyVersion" -> {
                String arn = form.getOrDefault("PolicyArn", "");
                String name = arn.substring(arn.lastIndexOf('/') + 1);
                String document = arn.equals(policyArn(name)) ? managedPolicies.get(name) : null;
                if (document == null) {
                    return iamError(404, "NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.");
                }
                if (action.equals("GetPolicy")) {
                    result.append("<Policy><PolicyName>")
                            .append(xml(name))
                            .append("</PolicyName>")
                            .append("<DefaultVersionId>v1</DefaultVersionId><PolicyId>ANPALOCALPOLICY00001</PolicyId>")
                            .append("<Path>/</Path><Arn>")
                            .append(xml(arn))
                            .append("</Arn><AttachmentCount>1</AttachmentCount>")
                            .append("<IsAttachable>true</IsAttachable><CreateDate>2026-01-01T00:00:00Z</CreateDate>")
                            .append("<UpdateDate>2026-01-01T00:00:00Z</UpdateDate></Policy>");
                } else {
                    result.append("<PolicyVersion><Document>")
                            .append(encode(document))
                            .append("</Document>")
                            .append("<VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion>")
                            .append("<CreateDate>2026-01-01T00:00:00Z</CreateDate></PolicyVersion>");
                }
            }
            case "SimulatePrincipalPolicy" -> {
                if (!roleArn().equals(form.get("PolicySourceArn"))) {
                    return iamError(
                            404, "NoSuchEntity", "The role " + form.get("PolicySourceArn") + " cannot be found.");
                }
                result.append("<IsTruncated>false</IsTruncated><EvaluationResults>");
                simulate(form, result);
                result.append("</EvaluationResults>");
            }
            default -> {
                return iamError(
                        400, "InvalidAction", "The local control plane does not implement IAM action " + action);
            }
        }
        String body = "<" + action + "Response xmlns=\"" + IAM_NS + "\"><" + action + "Result>" + result + "</" + action
                + "Result><ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></"
                + action
                + "Response>";
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml")
                .withBody(body)
                .build();
    }

    /**
     * IAM's policy simulator for the role's identity-based policies, with the same evaluator the local gateway uses:
     * every action on every resource, with the given context entries (principal tags as {@code aws:PrincipalTag/...}
     * keys); a key a matching statement's condition names but the caller did not give is listed as missing.
     */
    private void simulate(Map<String, String> form, StringBuilder out) {
        List<IamPolicy> policies = new java.util.ArrayList<>();
        allInlinePolicies().values().forEach(json -> policies.add(IamPolicy.fromJson(json)));
        managedPolicies.values().forEach(json -> policies.add(IamPolicy.fromJson(json)));
        dev.tenantclient.doctor.iam.PolicyEvaluator evaluator =
                new dev.tenantclient.doctor.iam.PolicyEvaluator(policies);
        Map<String, List<String>> context = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
        for (int n = 1; form.containsKey("ContextEntries.member." + n + ".ContextKeyName"); n++) {
            String key = form.get("ContextEntries.member." + n + ".ContextKeyName");
            List<String> values = new java.util.ArrayList<>();
            for (int m = 1; form.containsKey("ContextEntries.member." + n + ".ContextKeyValues.member." + m); m++) {
                values.add(form.get("ContextEntries.member." + n + ".ContextKeyValues.member." + m));
            }
            if (key.regionMatches(true, 0, "aws:PrincipalTag/", 0, "aws:PrincipalTag/".length())
                    && values.size() == 1) {
                tags.put(key.substring("aws:PrincipalTag/".length()), values.get(0));
            } else {
                context.put(key, values);
            }
        }
        List<String> resources = members(form, "ResourceArns");
        for (String action : members(form, "ActionNames")) {
            for (String resource : resources.isEmpty() ? List.of("*") : resources) {
                var decision = evaluator.evaluate(action, resource, context, tags);
                String eval = switch (decision.effect()) {
                    case ALLOW -> "allowed";
                    case EXPLICIT_DENY -> "explicitDeny";
                    case IMPLICIT_DENY -> "implicitDeny";
                };
                if (simulatorFlips.contains(action)) {
                    eval = eval.equals("allowed") ? "implicitDeny" : "allowed";
                }
                Set<String> missing = new java.util.TreeSet<>();
                for (IamPolicy policy : policies) {
                    for (var statement : policy.statements()) {
                        if (statement.actions().stream()
                                .anyMatch(a ->
                                        dev.tenantclient.doctor.iam.PolicyEvaluator.like(a.value(), action, true))) {
                            statement.conditions().forEach(c -> {
                                String k = c.key().value();
                                boolean given = context.keySet().stream().anyMatch(k::equalsIgnoreCase)
                                        || (k.regionMatches(true, 0, "aws:PrincipalTag/", 0, 17)
                                                && tags.keySet().stream()
                                                        .anyMatch(t ->
                                                                k.substring(17).equalsIgnoreCase(t)));
                                if (!given) {
                                    missing.add(k);
                                }
                            });
                        }
                    }
                }
                out.append("<member><EvalActionName>")
                        .append(xml(action))
                        .append("</EvalActionName>")
                        .append("<EvalResourceName>")
                        .append(xml(resource))
                        .append("</EvalResourceName>")
                        .append("<EvalDecision>")
                        .append(eval)
                        .append("</EvalDecision>")
                        .append("<MatchedStatements/><MissingContextValues>");
                missing.forEach(k -> out.append("<member>").append(xml(k)).append("</member>"));
                out.append("</MissingContextValues></member>");
            }
        }
    }

    private static List<String> members(Map<String, String> form, String name) {
        List<String> out = new java.util.ArrayList<>();
        for (int n = 1; form.containsKey(name + ".member." + n); n++) {
            out.add(form.get(name + ".member." + n));
        }
        return out;
    }

    private static String policyArn(String name) {
        return "arn:aws:iam::" + LocalTenantStack.ACCOUNT_ID + ":policy/" + name;
    }

    /** IAM returns policy documents URL-encoded per RFC 3986 (a space is {@code %20}). */
    private static String encode(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static ResponseDefinition jsonOk(JsonNode body) {
        return AwsJsonResponses.ok(body);
    }

    private static ResponseDefinition jsonError(String type, String message) {
        return AwsJsonResponses.error(400, type, message);
    }

    private static ResponseDefinition iamError(int status, String code, String message) {
        String body = "<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code>"
                + "<Message>" + xml(message) + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId>"
                + "</ErrorResponse>";
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "text/xml")
                .withBody(body)
                .build();
    }
}
