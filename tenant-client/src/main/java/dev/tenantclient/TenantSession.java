/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * One caller's view of AWS: the tenant a token names and that tenant's credentials, from which tenant-confined
 * tables and buckets are made. Obtain with {@link TenantClient#session(String)}.
 *
 * <p>Cheap and immutable: sessions are cached per token, so calling {@code session(token)} on every request costs
 * a hash lookup. Thread-safe. {@code toString()} shows the tenant, never the token or credentials.
 */
public interface TenantSession {

    /**
     * The tenant the token names.
     *
     * @return the tenant
     */
    default Tenant tenant() {
        throw new UnsupportedOperationException();
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
    default AwsCredentialsProvider credentialsProvider() {
        throw new UnsupportedOperationException();
    }

    /**
     * The user's Cognito identity id (stable for the user), exchanging the token first if needed.
     *
     * @return the identity id, such as {@code eu-west-1:1f2e...}
     */
    default String identityId() {
        throw new UnsupportedOperationException();
    }

    /**
     * The layout this session's keys follow.
     *
     * @return the client's layout
     */
    default TenantLayout layout() {
        throw new UnsupportedOperationException();
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
    default <T> TenantTable<T> table(String tableName, TableSchema<T> schema) {
        throw new UnsupportedOperationException();
    }

    /**
     * An S3 bucket confined to this tenant's folder. Cheap: call it per request.
     *
     * @param bucketName the bucket's name
     * @return the tenant's view of the bucket
     * @throws IllegalArgumentException when the name is not a valid S3 bucket name
     */
    default TenantBucket bucket(String bucketName) {
        throw new UnsupportedOperationException();
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
    default TenantAsyncBucket asyncBucket(String bucketName) {
        throw new UnsupportedOperationException();
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
    default <T> TenantAsyncTable<T> asyncTable(String tableName, TableSchema<T> schema) {
        throw new UnsupportedOperationException();
    }
}
