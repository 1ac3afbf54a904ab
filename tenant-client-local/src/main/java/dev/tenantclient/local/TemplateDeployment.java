/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * Applies a CloudFormation template (such as one the {@code tenant-client-cdk} construct synthesizes) to a
 * {@link LocalTenantStack}: what the template says about the user pool's attributes and app clients, the identity
 * pool's providers, principal-tag map and role attachment, and the authenticated role's trust and permission policies
 * becomes what the stack's {@linkplain LocalTenantStack#deployment() control plane} reports; its tables and buckets
 * are created in DynamoDB Local and the S3 server; and the IAM gateway enforces the template's permission policies
 * ({@link LocalTenantStack#enforceDeployedPolicies(boolean)}). Then {@code TenantDoctor} examines the template's
 * deployment, and tenant clients run against its policies.
 *
 * <p>The template's user pool, app client and identity pool become the stack's fixed ones
 * ({@link LocalTenantStack#USER_POOL_ID}, {@link LocalTenantStack#CLIENT_ID},
 * {@link LocalTenantStack#IDENTITY_POOL_ID}); {@code Ref}, {@code Fn::GetAtt} ({@code Arn}, {@code ProviderName}),
 * {@code Fn::Join}, {@code Fn::Sub} and the pseudo parameters resolve accordingly. Anything else the translation needs
 * and cannot resolve is refused with an {@link IllegalArgumentException}, never guessed. An app client without
 * {@code WriteAttributes} may write the standard attributes, as in Cognito. Starts from
 * {@link LocalDeployment#reset()}.
 */
public final class TemplateDeployment {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = LocalTenantStack.ACCOUNT_ID;
    private static final String REGION = LocalTenantStack.REGION.id();

    private final LocalTenantStack stack;
    private final JsonNode resources;
    private final Map<String, String> refs = new LinkedHashMap<>();
    private final Map<String, String> arns = new LinkedHashMap<>();
    private final String provider;

    private TemplateDeployment(LocalTenantStack stack, JsonNode template) {
        this.stack = stack;
        this.resources = template.path("Resources");
        if (!resources.isObject()) {
            throw new IllegalArgumentException("the template has no Resources");
        }
        this.provider = stack.tokens().providerName();
    }

    /**
     * Applies a template given as JSON text.
     *
     * @param stack the stack
     * @param templateJson the template
     * @return what was applied
     */
    public static Applied apply(LocalTenantStack stack, String templateJson) {
        try {
            return apply(stack, JSON.readTree(templateJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the template is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Applies a template.
     *
     * @param stack the stack
     * @param template the template
     * @return what was applied
     */
    public static Applied apply(LocalTenantStack stack, JsonNode template) {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(template, "template");
        return new TemplateDeployment(stack, template).run();
    }

    /**
     * What a template became locally.
     *
     * @param tables logical id to table name, for each table the template creates
     * @param buckets logical id to bucket name, for each bucket the template creates
     * @param roleLogicalId the logical id of the identity pool's authenticated role, or null when it has none
     */
    public record Applied(Map<String, String> tables, Map<String, String> buckets, String roleLogicalId) {

        /**
         * Copies the maps.
         *
         * @param tables logical id to table name
         * @param buckets logical id to bucket name
         * @param roleLogicalId the authenticated role's logical id, or null
         */
        public Applied {
            tables = Map.copyOf(tables);
            buckets = Map.copyOf(buckets);
        }
    }

    private Applied run() {
        LocalDeployment deployment = stack.deployment().reset();
        // physical names first: policies and maps refer to them
        Map<String, String> tables = new LinkedHashMap<>();
        Map<String, String> buckets = new LinkedHashMap<>();
        boolean firstClient = true;
        for (Map.Entry<String, JsonNode> r : resources(null)) {
            String id = r.getKey();
            JsonNode props = r.getValue().path("Properties");
            switch (type(r.getValue())) {
                case "AWS::Cognito::UserPool" -> {
                    refs.put(id, LocalTenantStack.USER_POOL_ID);
                    arns.put(
                            id,
                            "arn:aws:cognito-idp:" + REGION + ":" + ACCOUNT + ":userpool/"
                                    + LocalTenantStack.USER_POOL_ID);
                }
                case "AWS::Cognito::UserPoolClient" -> {
                    refs.put(id, firstClient ? LocalTenantStack.CLIENT_ID : id);
                    firstClient = false;
                }
                case "AWS::Cognito::IdentityPool" -> refs.put(id, LocalTenantStack.IDENTITY_POOL_ID);
                case "AWS::IAM::Role" -> {
                    refs.put(id, id);
                    arns.put(id, "arn:aws:iam::" + ACCOUNT + ":role/" + id);
                }
                case "AWS::DynamoDB::Table" -> {
                    String name = props.hasNonNull("TableName")
                            ? props.get("TableName").asText()
                            : id;
                    refs.put(id, name);
                    arns.put(id, "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name);
                    tables.put(id, name);
                }
                case "AWS::S3::Bucket" -> {
                    String name = props.hasNonNull("BucketName")
                            ? props.get("BucketName").asText()
                            : generatedBucketName(id);
                    refs.put(id, name);
                    arns.put(id, "arn:aws:s3:::" + name);
                    buckets.put(id, name);
                }
                default -> {}
            }
        }
        // the identity pool's authenticated role is the stack's role
        String roleId = null;
        List<Map.Entry<String, JsonNode>> attachments = resources("AWS::Cognito::IdentityPoolRoleAttachment");
        if (attachments.size() > 1) {
            throw new IllegalArgumentException("the template attaches roles to more than one identity pool");
        }
        JsonNode roles = attachments.isEmpty()
                ? JSON.createObjectNode()
                : attachments.get(0).getValue().path("Properties").path("Roles");
        JsonNode authenticated = roles.path("authenticated");
        if (authenticated.isObject() && authenticated.has("Fn::GetAtt")) {
            roleId = authenticated.get("Fn::GetAtt").get(0).asText();
            arns.put(roleId, deployment.roleArn());
            refs.put(roleId, LocalDeployment.ROLE_NAME);
        } else if (!authenticated.isMissingNode()) {
            String arn = resolve(authenticated).asText();
            if (!arn.equals(deployment.roleArn())) {
                throw new IllegalArgumentException("the authenticated role " + arn + " is not in the template");
            }
        }

        applyUserPool(deployment);
        applyIdentityPool(deployment, attachments, roleId);
        if (roleId != null) {
            applyRole(deployment, roleId);
        }
        createData(tables, buckets);
        stack.enforceDeployedPolicies(true);
        return new Applied(tables, buckets, roleId);
    }

    // ------------------------------------------------------------------------------------------------ user pool

    private void applyUserPool(LocalDeployment deployment) {
        List<Map.Entry<String, JsonNode>> pools = resources("AWS::Cognito::UserPool");
        if (pools.size() > 1) {
            throw new IllegalArgumentException("the template creates more than one user pool");
        }
        if (!pools.isEmpty()) {
            // the reset pool's custom attributes are replaced by the template's schema
            deployment.attributeNames().stream()
                    .filter(a -> a.startsWith("custom:"))
                    .forEach(deployment::removeAttribute);
            for (JsonNode attribute :
                    resolve(pools.get(0).getValue().path("Properties").path("Schema"))) {
                String name = attribute.path("Name").asText();
                String claim = isStandard(name) ? name : "custom:" + name;
                // Cognito's default for a custom attribute is mutable
                boolean mutable =
                        !attribute.has("Mutable") || attribute.get("Mutable").asBoolean();
                deployment.attributeMutable(claim, mutable);
            }
        }
        for (Map.Entry<String, JsonNode> client : resources("AWS::Cognito::UserPoolClient")) {
            JsonNode props = client.getValue().path("Properties");
            String clientId = refs.get(client.getKey());
            List<String> writes = new ArrayList<>();
            if (props.has("WriteAttributes")) {
                resolve(props.get("WriteAttributes")).forEach(a -> writes.add(a.asText()));
            } else {
                // Cognito: without WriteAttributes an app client may write the standard attributes
                STANDARD.stream().filter(a -> !a.equals("sub")).forEach(writes::add);
            }
            deployment.appClient(clientId, writes.toArray(String[]::new));
        }
    }

    private static boolean isStandard(String name) {
        return STANDARD.contains(name);
    }

    private static final List<String> STANDARD = List.of(
            "sub",
            "email",
            "email_verified",
            "name",
            "given_name",
            "family_name",
            "middle_name",
            "nickname",
            "preferred_username",
            "profile",
            "picture",
            "website",
            "gender",
            "birthdate",
            "zoneinfo",
            "locale",
            "phone_number",
            "phone_number_verified",
            "address",
            "updated_at");

    // -------------------------------------------------------------------------------------------- identity pool

    private void applyIdentityPool(
            LocalDeployment deployment, List<Map.Entry<String, JsonNode>> attachments, String roleId) {
        List<Map.Entry<String, JsonNode>> pools = resources("AWS::Cognito::IdentityPool");
        if (pools.size() != 1) {
            throw new IllegalArgumentException(
                    "the template must create exactly one identity pool, it has " + pools.size());
        }
        JsonNode props = pools.get(0).getValue().path("Properties");
        boolean userPool = false;
        for (JsonNode p : resolve(props.path("CognitoIdentityProviders"))) {
            String name = p.path("ProviderName").asText();
            if (name.equals(provider)) {
                userPool = true;
            } else {
                deployment.otherLoginProvider(name, p.path("ClientId").asText());
            }
        }
        if (!userPool) {
            deployment.removeUserPoolProvider();
        }
        resolve(props.path("SupportedLoginProviders"))
                .properties()
                .forEach(e ->
                        deployment.otherLoginProvider(e.getKey(), e.getValue().asText()));
        for (String list : List.of("OpenIdConnectProviderARNs", "SamlProviderARNs")) {
            resolve(props.path(list)).forEach(arn -> deployment.otherLoginProvider(arn.asText(), "-"));
        }
        if (props.hasNonNull("DeveloperProviderName")) {
            deployment.otherLoginProvider(
                    "developer provider "
                            + resolve(props.get("DeveloperProviderName")).asText(),
                    "-");
        }

        Map<String, String> tags = null;
        for (Map.Entry<String, JsonNode> tag : resources("AWS::Cognito::IdentityPoolPrincipalTag")) {
            JsonNode p = resolve(tag.getValue().path("Properties"));
            if (!p.path("IdentityProviderName").asText().equals(provider)) {
                continue;
            }
            tags = new LinkedHashMap<>();
            Map<String, String> map = tags;
            p.path("PrincipalTags")
                    .properties()
                    .forEach(e -> map.put(e.getKey(), e.getValue().asText()));
            if (p.path("UseDefaults").asBoolean(false) && map.isEmpty()) {
                deployment.useDefaultPrincipalTags();
            }
        }
        deployment.principalTags(tags == null ? Map.of() : tags);

        if (roleId == null) {
            deployment.removeAuthenticatedRole();
        }
        if (!attachments.isEmpty()) {
            JsonNode mappings = attachments.get(0).getValue().path("Properties").path("RoleMappings");
            Iterator<JsonNode> each = mappings.elements();
            if (each.hasNext()) {
                deployment.roleMapping(each.next().path("Type").asText());
            }
        }
    }

    // -------------------------------------------------------------------------------------------------- role

    private void applyRole(LocalDeployment deployment, String roleId) {
        JsonNode role = resources.get(roleId);
        if (role == null || !type(role).equals("AWS::IAM::Role")) {
            throw new IllegalArgumentException("the authenticated role " + roleId + " is not an AWS::IAM::Role");
        }
        JsonNode props = role.path("Properties");
        deployment.trustPolicy(json(resolve(props.path("AssumeRolePolicyDocument"))));
        deployment.withoutGeneratedPolicies();
        for (JsonNode policy : props.path("Policies")) {
            deployment.putRolePolicy(
                    resolve(policy.path("PolicyName")).asText(), json(resolve(policy.path("PolicyDocument"))));
        }
        for (JsonNode arn : props.path("ManagedPolicyArns")) {
            String managed = managedPolicyId(arn);
            deployment.attachPolicy(
                    managed,
                    json(resolve(resources.get(managed).path("Properties").path("PolicyDocument"))));
        }
        for (Map.Entry<String, JsonNode> policy : resources("AWS::IAM::Policy")) {
            JsonNode p = policy.getValue().path("Properties");
            if (namesRole(p.path("Roles"), roleId)) {
                deployment.putRolePolicy(
                        resolve(p.path("PolicyName")).asText(), json(resolve(p.path("PolicyDocument"))));
            }
        }
        for (Map.Entry<String, JsonNode> policy : resources("AWS::IAM::ManagedPolicy")) {
            JsonNode p = policy.getValue().path("Properties");
            if (namesRole(p.path("Roles"), roleId)) {
                deployment.attachPolicy(policy.getKey(), json(resolve(p.path("PolicyDocument"))));
            }
        }
    }

    private String managedPolicyId(JsonNode arn) {
        if (arn.isObject() && arn.has("Ref") && resources.has(arn.get("Ref").asText())) {
            return arn.get("Ref").asText();
        }
        throw new IllegalArgumentException("managed policy " + arn + " is not defined in the template; the local "
                + "control plane needs its document");
    }

    private static boolean namesRole(JsonNode roles, String roleId) {
        for (JsonNode r : roles) {
            if (r.isObject() && roleId.equals(r.path("Ref").asText())) {
                return true;
            }
        }
        return false;
    }

    // -------------------------------------------------------------------------------------------------- data

    private void createData(Map<String, String> tables, Map<String, String> buckets) {
        for (Map.Entry<String, String> t : tables.entrySet()) {
            JsonNode props = resolve(resources.get(t.getKey()).path("Properties"));
            CreateTableRequest.Builder create = CreateTableRequest.builder()
                    .tableName(t.getValue())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(keySchema(props.path("KeySchema")));
            List<AttributeDefinition> definitions = new ArrayList<>();
            props.path("AttributeDefinitions")
                    .forEach(a -> definitions.add(AttributeDefinition.builder()
                            .attributeName(a.path("AttributeName").asText())
                            .attributeType(a.path("AttributeType").asText())
                            .build()));
            create.attributeDefinitions(definitions);
            List<GlobalSecondaryIndex> indexes = new ArrayList<>();
            props.path("GlobalSecondaryIndexes")
                    .forEach(i -> indexes.add(GlobalSecondaryIndex.builder()
                            .indexName(i.path("IndexName").asText())
                            .keySchema(keySchema(i.path("KeySchema")))
                            .projection(Projection.builder()
                                    .projectionType(i.path("Projection")
                                            .path("ProjectionType")
                                            .asText("ALL"))
                                    .build())
                            .build()));
            if (!indexes.isEmpty()) {
                create.globalSecondaryIndexes(indexes);
            }
            try {
                stack.adminDynamoDbClient().createTable(create.build());
            } catch (ResourceInUseException exists) {
                // applied before in this stack
            }
        }
        for (String bucket : buckets.values()) {
            try {
                stack.adminS3Client().createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException exists) {
                // applied before in this stack
            }
        }
    }

    private static List<KeySchemaElement> keySchema(JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        schema.forEach(k -> keys.add(KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText())
                .build()));
        return keys;
    }

    // ------------------------------------------------------------------------------------------ intrinsics

    private JsonNode resolve(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(e -> out.add(resolve(e)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            String fn = node.fieldNames().next();
            JsonNode arg = node.get(fn);
            switch (fn) {
                case "Ref" -> {
                    return TextNode.valueOf(ref(arg.asText()));
                }
                case "Fn::GetAtt" -> {
                    return TextNode.valueOf(
                            getAtt(arg.get(0).asText(), arg.get(1).asText()));
                }
                case "Fn::Join" -> {
                    StringBuilder out = new StringBuilder();
                    String separator = arg.get(0).asText();
                    JsonNode parts = resolve(arg.get(1));
                    for (int i = 0; i < parts.size(); i++) {
                        out.append(i == 0 ? "" : separator).append(parts.get(i).asText());
                    }
                    return TextNode.valueOf(out.toString());
                }
                case "Fn::Sub" -> {
                    return TextNode.valueOf(sub(arg.isArray() ? arg.get(0).asText() : arg.asText()));
                }
                default -> {
                    if (fn.startsWith("Fn::")) {
                        throw new IllegalArgumentException("the translation cannot resolve " + fn + ": " + node);
                    }
                }
            }
        }
        ObjectNode out = JSON.createObjectNode();
        node.properties().forEach(e -> out.set(e.getKey(), resolve(e.getValue())));
        return out;
    }

    private String ref(String name) {
        return switch (name) {
            case "AWS::Partition" -> "aws";
            case "AWS::Region" -> REGION;
            case "AWS::AccountId" -> ACCOUNT;
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackName" -> "local";
            default -> {
                String value = refs.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("the translation cannot resolve Ref " + name);
                }
                yield value;
            }
        };
    }

    private String getAtt(String id, String attribute) {
        if (attribute.equals("Arn") && arns.containsKey(id)) {
            return arns.get(id);
        }
        if (attribute.equals("ProviderName")
                && refs.get(id) != null
                && refs.get(id).equals(LocalTenantStack.USER_POOL_ID)) {
            return provider;
        }
        throw new IllegalArgumentException("the translation cannot resolve Fn::GetAtt " + id + "." + attribute);
    }

    private String sub(String template) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf("${", i);
            if (start < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, start);
            int end = template.indexOf('}', start);
            String name = template.substring(start + 2, end);
            if (name.startsWith("!")) {
                out.append("${").append(name.substring(1)).append('}');
            } else if (name.contains(".")) {
                out.append(getAtt(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1)));
            } else {
                out.append(ref(name));
            }
            i = end + 1;
        }
        return out.toString();
    }

    // -------------------------------------------------------------------------------------------- helpers

    private List<Map.Entry<String, JsonNode>> resources(String type) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        resources.properties().forEach(e -> {
            if (type == null || type.equals(type(e.getValue()))) {
                out.add(e);
            }
        });
        return out;
    }

    private static String type(JsonNode resource) {
        return resource.path("Type").asText();
    }

    /** CloudFormation's generated bucket names are lower case; any valid name will do locally. */
    private static String generatedBucketName(String logicalId) {
        String name = logicalId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
        name = name.length() > 50 ? name.substring(0, 50) : name;
        return "local-" + name;
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
