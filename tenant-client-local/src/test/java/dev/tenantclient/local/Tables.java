/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/** Test tables, created through the stack's admin client (bypassing the gateway). */
final class Tables {

    static final TableSchema<Note> NOTES = TableSchema.fromBean(Note.class);

    private Tables() {}

    /** Creates a notes table with the {@code byOwner} index under a fresh name. */
    static String createNotes(LocalTenantStack stack, String name) {
        DynamoDbEnhancedClient admin = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(stack.adminDynamoDbClient())
                .build();
        admin.table(name, NOTES)
                .createTable(b -> b.globalSecondaryIndices(EnhancedGlobalSecondaryIndex.builder()
                        .indexName("byOwner")
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build()));
        return name;
    }

    /** Every stored partition key in a table, read raw. */
    static List<String> rawIds(LocalTenantStack stack, String table) {
        return stack.adminDynamoDbClient().scanPaginator(r -> r.tableName(table)).items().stream()
                .map((Map<String, AttributeValue> item) -> item.get("id").s())
                .toList();
    }
}
