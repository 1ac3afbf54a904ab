/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.credentials;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * An {@link IdentityIdStore} in one small DynamoDB table, shared by every instance of a fleet: restarts and new
 * instances reuse the identity ids the others found instead of calling {@code GetId} (25 requests/s per account by
 * default: a cold start of 100,000 known users would otherwise take over an hour of throttling).
 *
 * <p>Table ({@link #createTableRequest(String)}): partition key {@value #KEY} (string,
 * {@code <identityPoolId>|<loginProvider>|<sub>}), attribute {@value #IDENTITY_ID} (string); on-demand billing.
 * One item per user, about 150 bytes. Identity ids are not secrets (they grant nothing without the user's token),
 * but the table names every user who signed in: keep it private to the service.
 *
 * <p>IAM: the client given here signs with the <em>service's</em> own role, never a tenant's credentials (the
 * tenant role has no access to this table). {@link #servicePolicy(String)} is the least privilege it needs:
 * {@code dynamodb:GetItem}, {@code dynamodb:PutItem} and {@code dynamodb:DeleteItem} on the table.
 *
 * <pre>{@code
 * IdentityIdStore store = DynamoDbIdentityIdStore.create(serviceDynamoDb, "tenant-client-identity-ids");
 * TenantClient client = TenantClient.builder()
 *     ...
 *     .credentials(c -> c.identityIdStore(store))
 *     .build();
 * }</pre>
 *
 * Thread-safe. Reads are eventually consistent (an id just written elsewhere may be missed once; the cache then
 * calls {@code GetId}, which returns the same id).
 */
public final class DynamoDbIdentityIdStore implements IdentityIdStore {

    /** The partition key attribute. */
    public static final String KEY = "user";
    /** The identity id attribute. */
    public static final String IDENTITY_ID = "identityId";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    private DynamoDbIdentityIdStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /**
     * A store on an existing table.
     *
     * @param dynamoDb a client with the service's own credentials (not closed by the store)
     * @param tableName the table, created as {@link #createTableRequest(String)} describes
     * @return the store
     */
    public static DynamoDbIdentityIdStore create(DynamoDbClient dynamoDb, String tableName) {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        if (Objects.requireNonNull(tableName, "tableName").isEmpty()) {
            throw new IllegalArgumentException("tableName must not be empty");
        }
        return new DynamoDbIdentityIdStore(dynamoDb, tableName);
    }

    /**
     * The table this store needs: one string partition key, on-demand billing.
     *
     * @param tableName the table name
     * @return a request for {@code DynamoDbClient.createTable}
     */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .keySchema(KeySchemaElement.builder()
                        .attributeName(KEY)
                        .keyType(KeyType.HASH)
                        .build())
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(KEY)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
    }

    /**
     * The service role's permission policy for the table: read, write and delete items, nothing else.
     *
     * @param tableArn such as {@code arn:aws:dynamodb:eu-west-1:111122223333:table/tenant-client-identity-ids}
     * @return the policy
     */
    public static IamPolicy servicePolicy(String tableArn) {
        Objects.requireNonNull(tableArn, "tableArn");
        return IamPolicy.builder()
                .version("2012-10-17")
                .addStatement(IamStatement.builder()
                        .sid("TenantClientIdentityIdStore")
                        .effect(IamEffect.ALLOW)
                        .addAction("dynamodb:GetItem")
                        .addAction("dynamodb:PutItem")
                        .addAction("dynamodb:DeleteItem")
                        .addResource(tableArn)
                        .build())
                .build();
    }

    @Override
    public Optional<String> find(User user) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(tableName)
                        .key(Map.of(KEY, AttributeValue.fromS(user.key())))
                        .projectionExpression("#i")
                        .expressionAttributeNames(Map.of("#i", IDENTITY_ID)))
                .item();
        if (item == null || !item.containsKey(IDENTITY_ID)) {
            return Optional.empty();
        }
        return Optional.ofNullable(item.get(IDENTITY_ID).s());
    }

    @Override
    public void save(User user, String identityId) {
        dynamoDb.putItem(r -> r.tableName(tableName)
                .item(Map.of(KEY, AttributeValue.fromS(user.key()), IDENTITY_ID, AttributeValue.fromS(identityId))));
    }

    @Override
    public void forget(User user, String identityId) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(tableName)
                    .key(Map.of(KEY, AttributeValue.fromS(user.key())))
                    .conditionExpression("#i = :i")
                    .expressionAttributeNames(Map.of("#i", IDENTITY_ID))
                    .expressionAttributeValues(Map.of(":i", AttributeValue.fromS(identityId))));
        } catch (ConditionalCheckFailedException e) {
            // another instance stored a newer id meanwhile: keep it
        }
    }

    @Override
    public String toString() {
        return "DynamoDbIdentityIdStore{table=" + tableName + "}";
    }
}
