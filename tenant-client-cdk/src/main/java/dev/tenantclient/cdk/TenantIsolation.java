/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.cdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.credentials.DynamoDbIdentityIdStore;
import dev.tenantclient.policy.PolicyResources;
import dev.tenantclient.policy.TenantPolicies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CfnIdentityPool;
import software.amazon.awscdk.services.cognito.CfnIdentityPoolPrincipalTag;
import software.amazon.awscdk.services.cognito.CfnIdentityPoolRoleAttachment;
import software.amazon.awscdk.services.cognito.ClientAttributes;
import software.amazon.awscdk.services.cognito.ICustomAttribute;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.cognito.IUserPoolClient;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttributesMask;
import software.amazon.awscdk.services.cognito.StringAttribute;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.FromRoleArnOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Deploys the isolation one {@link TenantLayout} needs, from that same layout, so a correct deployment is one
 * construct and {@code TenantDoctor} passes it by construction:
 *
 * <pre>{@code
 * TenantIsolation tenants = new TenantIsolation(this, "Tenants", TenantIsolationProps.builder()
 *     .layout(TenantLayout.org())
 *     .table(TenantTableSpec.builder().tableName("notes").partitionKey("pk").sortKey("sk")
 *         .tenantIndex("byAuthor", "authorKey").build())
 *     .bucket(TenantBucketSpec.builder().build())
 *     .build());
 * // the application's TenantClient: tenants.userPoolId(), tenants.identityPoolId(), tenants.userPoolClientId()
 * }</pre>
 *
 * <p>It creates:
 *
 * <ul>
 *   <li>a user pool (unless one is {@linkplain TenantIsolationProps.Builder#userPool adopted}) whose tenant attribute
 *       ({@code custom:org} for {@link TenantLayout#org()}) is <em>immutable</em>, with self sign-up off (only the
 *       back end creates users and sets their tenant);
 *   <li>an app client (unless one is adopted) that reads the tenant attribute and may write only {@code email} and
 *       {@code name}: never the tenant attribute;
 *   <li>an identity pool with that user pool as its only provider, no guest identities and no classic flow;
 *   <li>its principal-tag map ({@code AWS::Cognito::IdentityPoolPrincipalTag}, {@code UseDefaults: false}) from
 *       {@link TenantPolicies#principalTags()};
 *   <li>the authenticated role: trust policy {@link TenantPolicies#trustPolicy(String, String)} ({@code sts:TagSession},
 *       {@code aud} = this identity pool, {@code amr} = authenticated and pinned to the user pool) and one inline
 *       permission policy {@link TenantPolicies#permissionPolicy(PolicyResources)} for the declared tables (with
 *       their tenant-keyed indexes) and buckets, and the role attachment;
 *   <li>for each {@link TenantTableSpec} built (not adopted): a table with on-demand billing, encryption,
 *       point-in-time recovery, string partition and sort keys, and the declared tenant-keyed global indexes;
 *   <li>for each {@link TenantBucketSpec} built: a bucket with every public access blocked, objects owned by the
 *       bucket owner, S3-managed encryption, a bucket policy refusing requests without TLS (and TLS below 1.2), and
 *       versioning.
 * </ul>
 *
 * <p>The policies are generated, never written here: their table and bucket ARNs are CloudFormation references to
 * the resources above. The {@linkplain #authenticatedRole() role} this construct exposes is immutable: a
 * {@code table.grantReadData(role)} elsewhere in the app (which would grant {@code Scan}) changes nothing.
 */
public final class TenantIsolation extends Construct {

    /** Claims Cognito sets itself: no user or app client can choose or write them. */
    private static final Set<String> MANAGED_CLAIMS = Set.of("sub", "aud", "iss", "token_use", "cognito:groups");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLACEHOLDER_TABLE = "tenant-client-placeholder-table-";
    private static final String PLACEHOLDER_BUCKET = "tenant-client-placeholder-bucket-";
    private static final String PLACEHOLDER_IDENTITY_POOL = "us-east-1:00000000-0000-4000-8000-0000000000ff";
    private static final String PLACEHOLDER_USER_POOL = "us-east-1_TenantClientPlaceholder";

    private final TenantLayout layout;
    private final IUserPool userPool;
    private final IUserPoolClient userPoolClient;
    private final CfnIdentityPool identityPool;
    private final CfnIdentityPoolPrincipalTag principalTags;
    private final CfnRole roleResource;
    private final IRole authenticatedRole;
    private final CfnIdentityPoolRoleAttachment roleAttachment;
    private final List<ITable> tables = new ArrayList<>();
    private final List<IBucket> buckets = new ArrayList<>();
    private @Nullable Table identityIdStore;

    /**
     * Creates the isolation resources.
     *
     * @param scope the parent construct
     * @param id this construct's id
     * @param props what to deploy
     * @throws IllegalArgumentException when the layout's tenant claim is one users choose (such as {@code email})
     */
    public TenantIsolation(Construct scope, String id, TenantIsolationProps props) {
        super(scope, id);
        Objects.requireNonNull(props, "props");
        this.layout = props.layout();
        TenantPolicies policies = TenantPolicies.of(layout);
        Map<String, ICustomAttribute> tenantAttributes = tenantAttributes(layout);

        // ------------------------------------------------------------------------------------- user pool, client
        if (props.userPool() != null) {
            this.userPool = props.userPool();
        } else {
            this.userPool = UserPool.Builder.create(this, "UserPool")
                    .selfSignUpEnabled(false)
                    .signInAliases(SignInAliases.builder().email(true).build())
                    .customAttributes(tenantAttributes)
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
        }
        if (props.userPoolClient() != null) {
            this.userPoolClient = props.userPoolClient();
        } else {
            this.userPoolClient = UserPoolClient.Builder.create(this, "AppClient")
                    .userPool(userPool)
                    .generateSecret(false)
                    .authFlows(AuthFlow.builder().userSrp(true).build())
                    .readAttributes(new ClientAttributes()
                            .withStandardAttributes(StandardAttributesMask.builder()
                                    .email(true)
                                    .emailVerified(true)
                                    .fullname(true)
                                    .build())
                            .withCustomAttributes(tenantAttributes.keySet().toArray(String[]::new)))
                    // explicit, so no default ever lets a user write their own tenant
                    .writeAttributes(new ClientAttributes()
                            .withStandardAttributes(StandardAttributesMask.builder()
                                    .email(true)
                                    .fullname(true)
                                    .build()))
                    .build();
        }

        // ---------------------------------------------------------------------------------------- data resources
        PolicyResources.Builder resources = PolicyResources.builder();
        Map<String, String> arns = new LinkedHashMap<>();
        int n = 0;
        for (TenantTableSpec spec : props.tables()) {
            ITable table = spec.existingTable() != null ? spec.existingTable() : createTable(spec, n);
            tables.add(table);
            resources.table(PLACEHOLDER_TABLE + n, spec.indexNames().toArray(String[]::new));
            arns.put("arn:aws:dynamodb:*:*:table/" + PLACEHOLDER_TABLE + n, table.getTableArn());
            n++;
        }
        n = 0;
        for (TenantBucketSpec spec : props.buckets()) {
            IBucket bucket = spec.existingBucket() != null ? spec.existingBucket() : createBucket(spec, n);
            buckets.add(bucket);
            resources.bucket(PLACEHOLDER_BUCKET + n);
            arns.put("arn:aws:s3:::" + PLACEHOLDER_BUCKET + n, bucket.getBucketArn());
            n++;
        }

        // ----------------------------------------------------------------------------------------- identity pool
        CfnIdentityPool.Builder pool = CfnIdentityPool.Builder.create(this, "IdentityPool")
                .allowUnauthenticatedIdentities(false)
                .allowClassicFlow(false)
                .cognitoIdentityProviders(List.of(CfnIdentityPool.CognitoIdentityProviderProperty.builder()
                        .providerName(userPool.getUserPoolProviderName())
                        .clientId(userPoolClient.getUserPoolClientId())
                        .serverSideTokenCheck(true)
                        .build()));
        if (props.identityPoolName() != null) {
            pool.identityPoolName(props.identityPoolName());
        }
        this.identityPool = pool.build();
        this.principalTags = CfnIdentityPoolPrincipalTag.Builder.create(this, "PrincipalTags")
                .identityPoolId(identityPool.getRef())
                .identityProviderName(userPool.getUserPoolProviderName())
                .useDefaults(false)
                .principalTags(policies.principalTags())
                .build();

        // ------------------------------------------------------------------------------------------------- role
        arns.put(PLACEHOLDER_IDENTITY_POOL, identityPool.getRef());
        arns.put("cognito-idp.us-east-1.amazonaws.com/" + PLACEHOLDER_USER_POOL, userPool.getUserPoolProviderName());
        Object trust = document(
                TenantPolicies.toJson(policies.trustPolicy(PLACEHOLDER_IDENTITY_POOL, PLACEHOLDER_USER_POOL)), arns);
        Object permissions = document(TenantPolicies.toJson(policies.permissionPolicy(resources.build())), arns);
        this.roleResource = CfnRole.Builder.create(this, "AuthenticatedRole")
                .description("Tenant sessions of the identity pool: confined by tenant-client's generated policy")
                .assumeRolePolicyDocument(trust)
                .policies(List.of(CfnRole.PolicyProperty.builder()
                        .policyName("tenant-client")
                        .policyDocument(permissions)
                        .build()))
                .maxSessionDuration(3600)
                .build();
        this.authenticatedRole = Role.fromRoleArn(
                this,
                "AuthenticatedRoleRef",
                roleResource.getAttrArn(),
                FromRoleArnOptions.builder().mutable(false).build());
        this.roleAttachment = CfnIdentityPoolRoleAttachment.Builder.create(this, "RoleAttachment")
                .identityPoolId(identityPool.getRef())
                .roles(Map.of("authenticated", roleResource.getAttrArn()))
                .build();
    }

    /**
     * The user pool attributes behind the layout's tenant claims: immutable custom attributes. A claim users choose
     * or may change ({@code email}, {@code cognito:username}, any standard attribute) is refused: it would let a user
     * pick their tenant.
     */
    private static Map<String, ICustomAttribute> tenantAttributes(TenantLayout layout) {
        Map<String, ICustomAttribute> attributes = new LinkedHashMap<>();
        for (String claim : layout.principalTags().values()) {
            if (MANAGED_CLAIMS.contains(claim)) {
                continue;
            }
            if (!claim.startsWith("custom:")) {
                throw new IllegalArgumentException("The layout's tenant claim '" + claim
                        + "' is one users choose or can change; use an immutable custom attribute (custom:org) or sub");
            }
            attributes.put(
                    claim.substring("custom:".length()),
                    StringAttribute.Builder.create()
                            .mutable(false)
                            .minLen(1)
                            .maxLen(128)
                            .build());
        }
        return attributes;
    }

    private Table createTable(TenantTableSpec spec, int n) {
        Table.Builder builder = Table.Builder.create(this, n == 0 ? "Table" : "Table" + n)
                .partitionKey(string(Objects.requireNonNull(spec.partitionKey(), "built specs have one")))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.AWS_MANAGED)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .removalPolicy(spec.removalPolicy());
        if (spec.tableName() != null) {
            builder.tableName(spec.tableName());
        }
        if (spec.sortKey() != null) {
            builder.sortKey(string(spec.sortKey()));
        }
        Table table = builder.build();
        for (TenantTableSpec.TenantIndex index : spec.indexes()) {
            GlobalSecondaryIndexProps.Builder gsi = GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(string(index.partitionKey()))
                    .projectionType(ProjectionType.ALL);
            if (index.sortKey() != null) {
                gsi.sortKey(string(index.sortKey()));
            }
            table.addGlobalSecondaryIndex(gsi.build());
        }
        return table;
    }

    private Bucket createBucket(TenantBucketSpec spec, int n) {
        Bucket.Builder builder = Bucket.Builder.create(this, n == 0 ? "Bucket" : "Bucket" + n)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(spec.versioned())
                .removalPolicy(spec.removalPolicy());
        if (spec.bucketName() != null) {
            builder.bucketName(spec.bucketName());
        }
        return builder.build();
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    /**
     * A generated policy as the object tree CloudFormation properties take, with the placeholder ARNs and ids the
     * generator was given replaced by references to this stack's resources (CDK tokens inside strings).
     */
    private static Object document(String json, Map<String, String> replacements) {
        try {
            JsonNode tree = JSON.readTree(json);
            return JSON.convertValue(substitute(tree, replacements), Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("TenantPolicies produced JSON that does not parse", e);
        }
    }

    private static JsonNode substitute(JsonNode node, Map<String, String> replacements) {
        if (node.isTextual()) {
            String text = node.asText();
            for (Map.Entry<String, String> r : replacements.entrySet()) {
                String from = r.getKey();
                if (text.equals(from) || text.startsWith(from + "/")) {
                    return TextNode.valueOf(r.getValue() + text.substring(from.length()));
                }
            }
            return node;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(e -> out.add(substitute(e, replacements)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.set(field.getKey(), substitute(field.getValue(), replacements));
            }
            return out;
        }
        return node;
    }

    /**
     * Creates (once) the table a service's {@code DynamoDbIdentityIdStore} keeps identity ids in, and grants the
     * service's role exactly {@link DynamoDbIdentityIdStore#servicePolicy(String)} on it. The tenants' role gets no
     * access to it.
     *
     * @param serviceRole the service's own role (the one its SDK clients sign with)
     * @return the table; pass its name to {@code DynamoDbIdentityIdStore.create}
     */
    public ITable grantIdentityIdStore(IGrantable serviceRole) {
        Objects.requireNonNull(serviceRole, "serviceRole");
        if (identityIdStore == null) {
            identityIdStore = Table.Builder.create(this, "IdentityIdStore")
                    .partitionKey(string(DynamoDbIdentityIdStore.KEY))
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .encryption(TableEncryption.AWS_MANAGED)
                    .removalPolicy(RemovalPolicy.DESTROY) // a cache: GetId answers the same ids again
                    .build();
        }
        String placeholder = "arn:aws:dynamodb:us-east-1:000000000000:table/" + PLACEHOLDER_TABLE + "ids";
        Object policy = document(
                TenantPolicies.toJson(DynamoDbIdentityIdStore.servicePolicy(placeholder)),
                Map.of(placeholder, identityIdStore.getTableArn()));
        // a policy document's Statement is one JSON object or a list of them
        Object statements = ((Map<?, ?>) policy).get("Statement");
        for (Object statement : statements instanceof List<?> list ? list : List.of(statements)) {
            serviceRole.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.fromJson(statement));
        }
        return identityIdStore;
    }

    /** @return the layout this construct deployed */
    public TenantLayout layout() {
        return layout;
    }

    /** @return the user pool (created or adopted) */
    public IUserPool userPool() {
        return userPool;
    }

    /** @return the user pool's id, for {@code TenantClient.builder().userPoolId(...)} */
    public String userPoolId() {
        return userPool.getUserPoolId();
    }

    /** @return the app client (created or adopted) */
    public IUserPoolClient userPoolClient() {
        return userPoolClient;
    }

    /** @return the app client's id, for {@code TenantClient.builder().clientId(...)} */
    public String userPoolClientId() {
        return userPoolClient.getUserPoolClientId();
    }

    /** @return the identity pool resource */
    public CfnIdentityPool identityPool() {
        return identityPool;
    }

    /** @return the identity pool's id, for {@code TenantClient.builder().identityPoolId(...)} */
    public String identityPoolId() {
        return identityPool.getRef();
    }

    /** @return the identity pool's principal-tag map resource */
    public CfnIdentityPoolPrincipalTag principalTags() {
        return principalTags;
    }

    /** @return the authenticated role, immutable: grants added to it elsewhere in the app are dropped */
    public IRole authenticatedRole() {
        return authenticatedRole;
    }

    /** @return the authenticated role's resource, with the generated trust and permission policies */
    public CfnRole authenticatedRoleResource() {
        return roleResource;
    }

    /** @return the identity pool's role attachment */
    public CfnIdentityPoolRoleAttachment roleAttachment() {
        return roleAttachment;
    }

    /** @return the tables (created or adopted), in the order declared */
    public List<ITable> tables() {
        return List.copyOf(tables);
    }

    /**
     * @return the first table
     * @throws IllegalStateException when no table was declared
     */
    public ITable table() {
        if (tables.isEmpty()) {
            throw new IllegalStateException("TenantIsolation declares no table");
        }
        return tables.get(0);
    }

    /** @return the buckets (created or adopted), in the order declared */
    public List<IBucket> buckets() {
        return List.copyOf(buckets);
    }

    /**
     * @return the first bucket
     * @throws IllegalStateException when no bucket was declared
     */
    public IBucket bucket() {
        if (buckets.isEmpty()) {
            throw new IllegalStateException("TenantIsolation declares no bucket");
        }
        return buckets.get(0);
    }
}
