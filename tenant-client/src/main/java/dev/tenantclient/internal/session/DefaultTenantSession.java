/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.session;

import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantAsyncBucket;
import dev.tenantclient.TenantAsyncTable;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantBucket;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantClientException;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.TenantSession;
import dev.tenantclient.TenantTable;
import dev.tenantclient.internal.ClientResources;
import dev.tenantclient.internal.ObservedCalls;
import dev.tenantclient.internal.Printable;
import dev.tenantclient.internal.credentials.TokenEntry;
import dev.tenantclient.internal.dynamodb.DynamoDbRequestGuard;
import dev.tenantclient.internal.dynamodb.PartitionKeys;
import dev.tenantclient.internal.dynamodb.TableKeys;
import dev.tenantclient.internal.dynamodb.TenantDynamoDbAsyncClient;
import dev.tenantclient.internal.dynamodb.TenantDynamoDbClient;
import dev.tenantclient.internal.s3.BucketOperations;
import dev.tenantclient.internal.s3.DefaultTenantAsyncBucket;
import dev.tenantclient.internal.s3.DefaultTenantBucket;
import dev.tenantclient.internal.s3.ObjectKeys;
import dev.tenantclient.internal.s3.S3Guard;
import dev.tenantclient.internal.s3.TenantS3Client;
import dev.tenantclient.internal.table.DefaultTenantAsyncTable;
import dev.tenantclient.internal.table.DefaultTenantTable;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;

/** The implementation of {@link TenantSession}. */
public final class DefaultTenantSession implements TenantSession {

    private final TokenEntry entry;
    private final ClientResources resources;
    private final AwsCredentialsProvider credentialsProvider;
    private final AwsCredentialsProvider syncCredentialsProvider;
    private volatile @Nullable DynamoDb dynamoDb;
    private volatile @Nullable AsyncDynamoDb asyncDynamoDb;
    private final ObservedCalls dynamoDbCalls;
    private final ObservedCalls s3Calls;

    public DefaultTenantSession(TokenEntry entry, ClientResources resources) {
        // Refuses nulls: a framework that builds objects through their constructor (Spring MVC's model attributes)
        // must fail here instead of handing a controller a session without a token behind it.
        this.entry = java.util.Objects.requireNonNull(entry, "entry");
        this.resources = java.util.Objects.requireNonNull(resources, "resources");
        this.credentialsProvider = new TokenCredentialsProvider(entry);
        this.syncCredentialsProvider = new BlockingTokenCredentialsProvider(entry);
        this.dynamoDbCalls = ObservedCalls.of(resources.observations(), entry.tenant(), "dynamodb");
        this.s3Calls = ObservedCalls.of(resources.observations(), entry.tenant(), "s3");
    }

    /**
     * The tenant the token names.
     *
     * @return the tenant
     */
    @Override
    public Tenant tenant() {
        return entry.tenant();
    }

    /**
     * The tenant's AWS credentials, as an SDK provider: resolving it returns cached credentials for this token, or
     * waits for the one Cognito exchange in flight. Use it to sign requests the wrappers do not cover; IAM confines
     * them to the tenant.
     *
     * <p>{@code resolveIdentity()}, which the SDK's clients call, never blocks: it answers a cache hit with a
     * completed future and a miss with the future of the one exchange in flight (which runs on the credentials
     * cache's executor), failed after {@code exchangeTimeout}. So the provider suits async clients on an event loop.
     * {@code resolveCredentials()} waits for that same exchange.
     *
     * @return a provider of this token's credentials
     * @throws CredentialsUnavailableException from {@code resolveCredentials()} when Cognito fails and nothing valid
     *     is cached
     * @throws InvalidTenantTokenException from {@code resolveCredentials()} when Cognito rejects the token or it
     *     expired
     */
    @Override
    public AwsCredentialsProvider credentialsProvider() {
        return credentialsProvider;
    }

    /**
     * The user's Cognito identity id (stable for the user), exchanging the token first if needed.
     *
     * @return the identity id, such as {@code eu-west-1:1f2e...}
     */
    @Override
    public String identityId() {
        return entry.identityId();
    }

    /**
     * The layout this session's keys follow.
     *
     * @return the client's layout
     */
    @Override
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
     * @throws IllegalArgumentException when the schema has a key the tenant prefix cannot go into, or conflicts with
     *     another schema opened for the same table through this client (one declares as a plain attribute what the
     *     other makes a tenant-keyed index partition key)
     */
    @Override
    public <T> TenantTable<T> table(String tableName, TableSchema<T> schema) {
        java.util.Objects.requireNonNull(tableName, "tableName");
        java.util.Objects.requireNonNull(schema, "schema");
        DynamoDb d = dynamoDb();
        TableKeys keys = schemaKeys(tableName, schema, () -> d.client.register(tableName, schema));
        return new DefaultTenantTable<>(d.enhanced, d.enhanced.table(tableName, schema), keys, tenant());
    }

    /**
     * An S3 bucket confined to this tenant's folder. Cheap: call it per request.
     *
     * @param bucketName the bucket's name
     * @return the tenant's view of the bucket
     * @throws IllegalArgumentException when the name is not a valid S3 bucket name
     */
    @Override
    public TenantBucket bucket(String bucketName) {
        if (bucketName == null || !ObjectKeys.BUCKET_NAME.matcher(bucketName).matches()) {
            throw new IllegalArgumentException("Bucket name '" + Printable.of(bucketName)
                    + "' is not an S3 bucket name (3-63 lowercase letters, digits, '.' and '-')");
        }
        S3Guard guard = new S3Guard(new ObjectKeys(resources.layout(), tenant()), bucketName, s3Calls);
        return new DefaultTenantBucket(
                new BucketOperations(guard, resources.presigner(), syncCredentialsProvider),
                new TenantS3Client(resources.s3(), syncCredentialsProvider, guard),
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
    @Override
    public TenantAsyncBucket asyncBucket(String bucketName) {
        checkBucketName(bucketName);
        S3Guard guard = new S3Guard(new ObjectKeys(resources.layout(), tenant()), bucketName, s3Calls);
        return new DefaultTenantAsyncBucket(
                new BucketOperations(guard, resources.presigner(), syncCredentialsProvider),
                resources.s3Async(),
                credentialsProvider,
                tenant());
    }

    /**
     * A DynamoDB table confined to this tenant, on the async Enhanced Client: the same rules as
     * {@link #table(String, TableSchema)} (one guard implementation serves both), over the shared
     * {@code DynamoDbAsyncClient} ({@link TenantClient.Builder#dynamoDbAsyncClient}, or one the client builds with the
     * SDK's default async HTTP client). Nothing on this path blocks the calling thread: credentials come from
     * {@link #credentialsProvider()}'s non-blocking {@code resolveIdentity()}. Cheap: call it per request.
     *
     * @param tableName the table's name
     * @param schema the item schema (its partition key, and each global index's, must be strings)
     * @param <T> the item type
     * @return the tenant's async view of the table
     * @throws IllegalArgumentException as {@link #table(String, TableSchema)}
     * @throws IllegalStateException when no async client was given and no async HTTP client is on the class path
     */
    @Override
    public <T> TenantAsyncTable<T> asyncTable(String tableName, TableSchema<T> schema) {
        java.util.Objects.requireNonNull(tableName, "tableName");
        java.util.Objects.requireNonNull(schema, "schema");
        AsyncDynamoDb d = asyncDynamoDb();
        TableKeys keys = schemaKeys(tableName, schema, () -> d.client.register(tableName, schema));
        return new DefaultTenantAsyncTable<>(d.enhanced, d.enhanced.table(tableName, schema), keys, tenant());
    }

    /**
     * The schema's keys, after registering it with the guard. A schema the layout cannot confine (no partition key, a
     * non-string tenant key, a conflict with another schema of the same table) is the application's mistake, found
     * before any request: {@link IllegalArgumentException}, not a boundary violation.
     */
    private static TableKeys schemaKeys(String tableName, TableSchema<?> schema, Runnable register) {
        try {
            register.run();
            return TableKeys.of(tableName, schema);
        } catch (TenantBoundaryException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private AsyncDynamoDb asyncDynamoDb() {
        AsyncDynamoDb d = asyncDynamoDb;
        if (d == null) {
            TenantDynamoDbAsyncClient client =
                    new TenantDynamoDbAsyncClient(resources.dynamoDbAsync(), guard(credentialsProvider), dynamoDbCalls);
            d = new AsyncDynamoDb(
                    client,
                    DynamoDbEnhancedAsyncClient.builder().dynamoDbClient(client).build());
            asyncDynamoDb = d;
        }
        return d;
    }

    private record AsyncDynamoDb(TenantDynamoDbAsyncClient client, DynamoDbEnhancedAsyncClient enhanced) {}

    /** The session's guard, signing with the given provider (the same rules for the sync and async clients). */
    private DynamoDbRequestGuard guard(AwsCredentialsProvider credentials) {
        return new DynamoDbRequestGuard(
                credentials,
                new PartitionKeys(resources.layout(), tenant()),
                resources.tables(),
                resources.boundaryEvents());
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
            TenantDynamoDbClient client =
                    new TenantDynamoDbClient(resources.dynamoDb(), guard(syncCredentialsProvider), dynamoDbCalls);
            d = new DynamoDb(
                    client,
                    DynamoDbEnhancedClient.builder().dynamoDbClient(client).build());
            dynamoDb = d;
        }
        return d;
    }

    private record DynamoDb(TenantDynamoDbClient client, DynamoDbEnhancedClient enhanced) {}

    @Override
    public String toString() {
        return "TenantSession{tenant=" + entry.tenant().org() + ", subject="
                + entry.tenant().subject() + ", tokenExpiresAt=" + entry.tokenExpiresAt() + "}";
    }

    /**
     * The per-token credentials provider; {@code toString()} names the tenant only. {@code resolveIdentity()} returns
     * the single flight's future, so an async client never blocks a thread on Cognito.
     */
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
        public CompletableFuture<AwsCredentialsIdentity> resolveIdentity(ResolveIdentityRequest request) {
            return entry.credentialsAsync().thenApply(AwsCredentialsIdentity.class::cast);
        }

        @Override
        public String toString() {
            return "TenantCredentialsProvider{tenant=" + entry.tenant().org() + "}";
        }
    }

    /**
     * The provider of the sync wrappers: {@code resolveIdentity()} is the SDK's default, which resolves on the
     * calling thread, so a sync request keeps the cache's caller semantics (an interrupted caller fails alone, with
     * {@link CredentialsUnavailableException}). The same entry, cache and single flight as the async provider.
     */
    private static final class BlockingTokenCredentialsProvider implements AwsCredentialsProvider {
        private final TokenEntry entry;

        BlockingTokenCredentialsProvider(TokenEntry entry) {
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
