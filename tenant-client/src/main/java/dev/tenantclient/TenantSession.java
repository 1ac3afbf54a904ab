/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import dev.tenantclient.internal.ClientResources;
import dev.tenantclient.internal.Printable;
import dev.tenantclient.internal.TokenCache.TokenEntry;
import dev.tenantclient.internal.dynamodb.PartitionKeys;
import dev.tenantclient.internal.dynamodb.TableKeys;
import dev.tenantclient.internal.dynamodb.TenantDynamoDbClient;
import dev.tenantclient.internal.s3.ObjectKeys;
import dev.tenantclient.internal.s3.S3Guard;
import dev.tenantclient.internal.s3.TenantS3Client;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * One caller's view of AWS: the tenant a token names and that tenant's credentials, from which tenant-confined
 * tables and buckets are made. Obtain with {@link TenantClient#session(String)}.
 *
 * <p>Cheap and immutable: sessions are cached per token, so calling {@code session(token)} on every request costs
 * a hash lookup. Thread-safe. {@code toString()} shows the tenant, never the token or credentials.
 */
public final class TenantSession {

    private final TokenEntry entry;
    private final ClientResources resources;
    private final AwsCredentialsProvider credentialsProvider;
    private volatile @Nullable DynamoDb dynamoDb;

    TenantSession(TokenEntry entry, ClientResources resources) {
        // Refuses nulls: a framework that builds objects through their constructor (Spring MVC's model attributes)
        // must fail here instead of handing a controller a session without a token behind it.
        this.entry = java.util.Objects.requireNonNull(entry, "entry");
        this.resources = java.util.Objects.requireNonNull(resources, "resources");
        this.credentialsProvider = new TokenCredentialsProvider(entry);
    }

    /**
     * The tenant the token names.
     *
     * @return the tenant
     */
    public Tenant tenant() {
        return entry.tenant();
    }

    /**
     * The tenant's AWS credentials, as an SDK provider: resolving it returns cached credentials for this token, or
     * waits for the one Cognito exchange in flight. Use it to sign requests the wrappers do not cover; IAM confines
     * them to the tenant.
     *
     * @return a provider of this token's credentials
     * @throws CredentialsUnavailableException from {@code resolveCredentials()} when Cognito fails and nothing valid
     *     is cached
     * @throws InvalidTenantTokenException from {@code resolveCredentials()} when Cognito rejects the token or it
     *     expired
     */
    public AwsCredentialsProvider credentialsProvider() {
        return credentialsProvider;
    }

    /**
     * The user's Cognito identity id (stable for the user), exchanging the token first if needed.
     *
     * @return the identity id, such as {@code eu-west-1:1f2e...}
     */
    public String identityId() {
        return entry.identityId();
    }

    /**
     * The layout this session's keys follow.
     *
     * @return the client's layout
     */
    public TenantLayout layout() {
        return resources.layout();
    }

    /**
     * A DynamoDB table confined to this tenant. Cheap: call it per request.
     *
     * @param tableName the table's name
     * @param schema the item schema (its partition key, and each global index's, must be strings)
     * @param <T> the item type
     * @return the tenant's view of the table
     * @throws TenantBoundaryException when the schema has a key the tenant prefix cannot go into, or conflicts with
     *     another schema opened for the same table through this client (one declares as a plain attribute what the
     *     other makes a tenant-keyed index partition key)
     */
    public <T> TenantTable<T> table(String tableName, TableSchema<T> schema) {
        java.util.Objects.requireNonNull(tableName, "tableName");
        java.util.Objects.requireNonNull(schema, "schema");
        DynamoDb d = dynamoDb();
        d.client.register(tableName, schema);
        return new TenantTable<>(
                d.enhanced, d.enhanced.table(tableName, schema), TableKeys.of(tableName, schema), tenant());
    }

    /**
     * An S3 bucket confined to this tenant's folder. Cheap: call it per request.
     *
     * @param bucketName the bucket's name
     * @return the tenant's view of the bucket
     * @throws IllegalArgumentException when the name is not a valid S3 bucket name
     */
    public TenantBucket bucket(String bucketName) {
        if (bucketName == null || !ObjectKeys.BUCKET_NAME.matcher(bucketName).matches()) {
            throw new IllegalArgumentException("Bucket name '" + Printable.of(bucketName)
                    + "' is not an S3 bucket name (3-63 lowercase letters, digits, '.' and '-')");
        }
        S3Guard guard = new S3Guard(new ObjectKeys(resources.layout(), tenant()), bucketName);
        return new TenantBucket(
                new BucketOperations(guard, resources.presigner(), credentialsProvider),
                new TenantS3Client(resources.s3(), credentialsProvider, guard),
                tenant());
    }

    /**
     * An S3 bucket confined to this tenant's folder, on the shared {@code S3AsyncClient}: the same rules as
     * {@link #bucket(String)}, with {@code CompletableFuture} results, multipart transfers and the Transfer Manager.
     * Cheap: call it per request.
     *
     * @param bucketName the bucket's name
     * @return the tenant's asynchronous view of the bucket
     * @throws IllegalArgumentException when the name is not a valid S3 bucket name
     * @throws TenantClientException when no async HTTP client is on the class path and none was configured
     */
    public TenantAsyncBucket asyncBucket(String bucketName) {
        checkBucketName(bucketName);
        S3Guard guard = new S3Guard(new ObjectKeys(resources.layout(), tenant()), bucketName);
        return new TenantAsyncBucket(
                new BucketOperations(guard, resources.presigner(), credentialsProvider),
                resources.s3Async(),
                credentialsProvider,
                tenant());
    }

    private static void checkBucketName(String bucketName) {
        if (bucketName == null || !ObjectKeys.BUCKET_NAME.matcher(bucketName).matches()) {
            throw new IllegalArgumentException("Bucket name '" + Printable.of(bucketName)
                    + "' is not an S3 bucket name (3-63 lowercase letters, digits, '.' and '-')");
        }
    }

    private DynamoDb dynamoDb() {
        DynamoDb d = dynamoDb;
        if (d == null) {
            TenantDynamoDbClient client = new TenantDynamoDbClient(
                    resources.dynamoDb(),
                    credentialsProvider,
                    new PartitionKeys(resources.layout(), tenant()),
                    resources.tables(),
                    resources.boundaryEvents());
            d = new DynamoDb(
                    client,
                    DynamoDbEnhancedClient.builder().dynamoDbClient(client).build());
            dynamoDb = d;
        }
        return d;
    }

    private record DynamoDb(TenantDynamoDbClient client, DynamoDbEnhancedClient enhanced) {}

    ClientResources resources() {
        return resources;
    }

    @Override
    public String toString() {
        return "TenantSession{tenant=" + entry.tenant().org() + ", subject="
                + entry.tenant().subject() + ", tokenExpiresAt=" + entry.tokenExpiresAt() + "}";
    }

    /** The per-token credentials provider; {@code toString()} names the tenant only. */
    private static final class TokenCredentialsProvider implements AwsCredentialsProvider {
        private final TokenEntry entry;

        TokenCredentialsProvider(TokenEntry entry) {
            this.entry = entry;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            return entry.credentials();
        }

        @Override
        public String toString() {
            return "TenantCredentialsProvider{tenant=" + entry.tenant().org() + "}";
        }
    }
}
