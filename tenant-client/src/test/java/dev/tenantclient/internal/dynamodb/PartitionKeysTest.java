/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantLayout;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

class PartitionKeysTest {

    private static final Tenant ACME = new Tenant("acme", "alice", Map.of("org", "acme"));
    private final PartitionKeys org = new PartitionKeys(TenantLayout.org(), ACME);
    private final PartitionKeys user =
            new PartitionKeys(TenantLayout.user(), new Tenant("alice", "alice", Map.of("username", "alice")));

    static final class Item {
        String id;
        Integer n;
    }

    private static final TableSchema<Item> SCHEMA = TableSchema.builder(Item.class)
            .newItemSupplier(Item::new)
            .addAttribute(
                    String.class,
                    a -> a.name("id")
                            .getter(i -> i.id)
                            .setter((i, v) -> i.id = v)
                            .tags(StaticAttributeTags.primaryPartitionKey()))
            .build();

    @Test
    void orgLayoutPrefixesAndStrips() {
        assertThat(org.toStored("id", "n-1")).isEqualTo("acme#n-1");
        assertThat(org.toApplication("id", "acme#n-1")).isEqualTo("n-1");
    }

    @Test
    void orgLayoutRefusesSeparatorsControlCharactersEmptyAndOverLongIds() {
        assertThatThrownBy(() -> org.toStored("id", "globex#x")).isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> org.toStored("id", "a\u0000b")).isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> org.toStored("id", "")).isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> org.toStored("id", null)).isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> org.toStored("id", "x".repeat(2044)))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("2048");
        assertThat(org.toStored("id", "x".repeat(2043))).hasSize(2048);
    }

    @Test
    void aStoredKeyOfAnotherTenantIsNeverStripped() {
        assertThatThrownBy(() -> org.toApplication("id", "globex#n-1"))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageNotContaining("globex");
        assertThatThrownBy(() -> org.toApplication("id", "acmex#n-1")).isInstanceOf(TenantBoundaryException.class);
    }

    @Test
    void exactLayoutFillsTheUsersKeyAndRefusesAnother() {
        assertThat(user.toStored("id", null)).isEqualTo("alice");
        assertThat(user.toStored("id", "alice")).isEqualTo("alice");
        assertThatThrownBy(() -> user.toStored("id", "bob")).isInstanceOf(TenantBoundaryException.class);
        assertThat(user.owns("alice")).isTrue();
        assertThat(user.owns("alice2")).isFalse();
    }

    @Test
    void theGuardRefusesAHandBuiltRequestWithAForeignOrMissingLeadingKey() {
        TenantDynamoDbClient client = new TenantDynamoDbClient(
                new DynamoDbClient() {
                    @Override
                    public String serviceName() {
                        return "dynamodb";
                    }

                    @Override
                    public void close() {}
                },
                () -> null,
                org);
        TableKeys keys = client.register("t", SCHEMA);

        assertThatThrownBy(() -> client.guard(keys, null, Map.of("id", AttributeValue.fromS("globex#x"))))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> client.guard(keys, null, Map.of()))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("no string leading key");
        assertThatThrownBy(() -> client.guard(keys, null, Map.of("id", AttributeValue.fromN("1"))))
                .isInstanceOf(TenantBoundaryException.class);
        client.guard(keys, null, Map.of("id", AttributeValue.fromS("acme#x")));
    }

    @Test
    void aTableNotOpenedThroughTheSessionAndScansAreRefused() {
        TenantDynamoDbClient client = new TenantDynamoDbClient(
                new DynamoDbClient() {
                    @Override
                    public String serviceName() {
                        return "dynamodb";
                    }

                    @Override
                    public void close() {}
                },
                () -> null,
                org);

        assertThatThrownBy(() -> client.getItem(GetItemRequest.builder()
                        .tableName("other")
                        .key(Map.of("id", AttributeValue.fromS("x")))
                        .build()))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("not opened through this session");
        assertThatThrownBy(() -> client.scan(r -> r.tableName("t")))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("Scan");
    }

    @Test
    void aNumericPartitionKeyIsRefused() {
        TableSchema<Item> numeric = TableSchema.builder(Item.class)
                .newItemSupplier(Item::new)
                .addAttribute(
                        Integer.class,
                        a -> a.name("n")
                                .getter(i -> i.n)
                                .setter((i, v) -> i.n = v)
                                .tags(StaticAttributeTags.primaryPartitionKey()))
                .build();

        assertThatThrownBy(() -> TableKeys.of("t", numeric))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("not a string");
    }

    @Test
    void theKeyLengthLimitCountsUtf8Bytes() {
        // "acme#" is 5 bytes; é is 2 bytes, € is 3, an emoji (a surrogate pair) is 4
        assertThat(org.toStored("id", "é".repeat(1021) + "x")).hasSize(1027);
        assertThatThrownBy(() -> org.toStored("id", "é".repeat(1022))).isInstanceOf(TenantBoundaryException.class);
        assertThat(org.toStored("id", "€".repeat(681))).hasSize(686);
        assertThatThrownBy(() -> org.toStored("id", "€".repeat(682))).isInstanceOf(TenantBoundaryException.class);
        assertThat(org.toStored("id", "\uD83D\uDE00".repeat(510))).startsWith("acme#");
        assertThatThrownBy(() -> org.toStored("id", "\uD83D\uDE00".repeat(511)))
                .isInstanceOf(TenantBoundaryException.class);
        assertThat(org.toString()).isEqualTo("PartitionKeys{prefix=acme#}");
        assertThat(user.toString()).isEqualTo("PartitionKeys{equals=alice}");
    }
}
