/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.benchmarks;

import dev.tenantclient.TenantBucket;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import dev.tenantclient.TenantTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The wrappers' own cost: {@code TenantTable} and {@code TenantBucket} against the raw Enhanced Client table and
 * {@code S3Client}, on the same shared SDK clients over an in-memory HTTP client with canned answers. The raw
 * calls sign with static credentials; the tenant calls with the session's (cached) credentials.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WrapperBenchmark {

    /** The benchmark item. */
    public static final class Item {
        String id;
        String sk;
        String text;
    }

    static final TableSchema<Item> SCHEMA = TableSchema.builder(Item.class)
            .newItemSupplier(Item::new)
            .addAttribute(
                    String.class,
                    a -> a.name("id")
                            .getter(i -> i.id)
                            .setter((i, v) -> i.id = v)
                            .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name("sk")
                            .getter(i -> i.sk)
                            .setter((i, v) -> i.sk = v)
                            .tags(StaticAttributeTags.primarySortKey()))
            .addAttribute(String.class, a -> a.name("text").getter(i -> i.text).setter((i, v) -> i.text = v))
            .build();

    private static final String ITEM = "{\"id\":{\"S\":\"acme#n-1\"},\"sk\":{\"S\":\"0\"},\"text\":{\"S\":\"hello\"}}";

    private CognitoStub cognito;
    private TenantClient client;
    private String token;
    private DynamoDbClient dynamo;
    private S3Client s3;
    private TenantTable<Item> tenantTable;
    private DynamoDbTable<Item> rawTable;
    private DynamoDbTable<Item> rawSessionTable;
    private AwsCredentialsProvider sessionCredentials;
    private CannedHttpClient dynamoHttp;
    private final Map<String, DynamoDbTable<Item>> perTenantTables = new ConcurrentHashMap<>();
    private final Map<String, DynamoDbClient> perTenantClients = new ConcurrentHashMap<>();
    private TenantBucket tenantBucket;
    private Item item;
    private byte[] body;

    @Setup(Level.Trial)
    public void setUp() {
        StringBuilder page = new StringBuilder("{\"Count\":10,\"Items\":[");
        for (int i = 0; i < 10; i++) {
            page.append(i == 0 ? "" : ",").append(ITEM.replace("\"0\"", "\"" + i + "\""));
        }
        String queryPage = page.append("]}").toString();
        dynamoHttp = new CannedHttpClient(r -> {
            String type = "application/x-amz-json-1.0";
            return switch (r.target()) {
                case "GetItem" -> CannedHttpClient.Answer.json(type, "{\"Item\":" + ITEM + "}");
                case "Query" -> CannedHttpClient.Answer.json(type, queryPage);
                default -> CannedHttpClient.Answer.json(type, "{}");
            };
        });
        CannedHttpClient s3Http = new CannedHttpClient(r ->
                new CannedHttpClient.Answer(200, Map.of("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\""), new byte[0]));
        StaticCredentialsProvider raw =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIARAW", "raw-secret"));
        dynamo = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .httpClient(dynamoHttp)
                .credentialsProvider(raw)
                .build();
        s3 = S3Client.builder()
                .region(Region.US_EAST_1)
                .httpClient(s3Http)
                .credentialsProvider(raw)
                .build();
        cognito = new CognitoStub();
        client = cognito.tenantClient().dynamoDbClient(dynamo).s3Client(s3).build();
        token = CognitoStub.token("acme", "alice");
        TenantSession session = client.session(token);
        session.credentialsProvider().resolveCredentials();
        tenantTable = session.table("notes", SCHEMA);
        rawTable =
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table("notes", SCHEMA);
        tenantBucket = session.bucket("files");
        sessionCredentials = session.credentialsProvider();
        rawSessionTable = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(PerRequestCredentials.dynamoDb(dynamo, sessionCredentials))
                .build()
                .table("notes", SCHEMA);
        item = new Item();
        item.id = "n-1";
        item.sk = "0";
        item.text = "hello";
        body = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        perTenantClients.values().forEach(DynamoDbClient::close);
        dynamo.close();
        s3.close();
    }

    private static Key key(String id) {
        return Key.builder().partitionValue(id).sortValue("0").build();
    }

    /** Raw Enhanced Client getItem (the caller builds the prefixed key itself). */
    @Benchmark
    public Item rawGetItem() {
        return rawTable.getItem(key("acme#n-1"));
    }

    /** Raw Enhanced Client getItem with the tenant's credentials on the request (a shared multi-tenant client). */
    @Benchmark
    public Item rawSessionCredentialsGetItem() {
        return rawSessionTable.getItem(key("acme#n-1"));
    }

    /**
     * Peer: the token-vending-machine samples' pattern, a new SDK client per request built with the vended (here: the
     * session's cached) credentials, on the same canned HTTP client.
     */
    @Benchmark
    public Item peerClientPerRequestGetItem() {
        try (DynamoDbClient perRequest = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .httpClient(dynamoHttp)
                .credentialsProvider(StaticCredentialsProvider.create(sessionCredentials.resolveCredentials()))
                .build()) {
            return DynamoDbEnhancedClient.builder()
                    .dynamoDbClient(perRequest)
                    .build()
                    .table("notes", SCHEMA)
                    .getItem(key("acme#n-1"));
        }
    }

    /** Peer: one SDK client (and table) per tenant, cached, signing with the tenant's credentials provider. */
    @Benchmark
    public Item peerPerTenantClientGetItem() {
        return perTenantTables
                .computeIfAbsent(
                        "acme",
                        tenant -> DynamoDbEnhancedClient.builder()
                                .dynamoDbClient(perTenantClients.computeIfAbsent(
                                        tenant,
                                        t -> DynamoDbClient.builder()
                                                .region(Region.US_EAST_1)
                                                .httpClient(dynamoHttp)
                                                .credentialsProvider(sessionCredentials)
                                                .build()))
                                .build()
                                .table("notes", SCHEMA))
                .getItem(key("acme#n-1"));
    }

    /** TenantTable.getItem on a table held by the caller. */
    @Benchmark
    public Item tenantGetItem() {
        return tenantTable.getItem(key("n-1"));
    }

    /** What a request handler does: session lookup, table(), getItem. */
    @Benchmark
    public Item tenantSessionTableGetItem() {
        return client.session(token).table("notes", SCHEMA).getItem(key("n-1"));
    }

    /** Raw Enhanced Client putItem. */
    @Benchmark
    public void rawPutItem() {
        Item prefixed = new Item();
        prefixed.id = "acme#" + item.id;
        prefixed.sk = item.sk;
        prefixed.text = item.text;
        rawTable.putItem(prefixed);
    }

    /** Raw Enhanced Client putItem with the tenant's credentials on the request. */
    @Benchmark
    public void rawSessionCredentialsPutItem() {
        Item prefixed = new Item();
        prefixed.id = "acme#" + item.id;
        prefixed.sk = item.sk;
        prefixed.text = item.text;
        rawSessionTable.putItem(prefixed);
    }

    /** TenantTable.putItem. */
    @Benchmark
    public void tenantPutItem() {
        tenantTable.putItem(item);
    }

    /** Raw Enhanced Client query, first page of ten items. */
    @Benchmark
    public List<Item> rawQuery() {
        Page<Item> page = rawTable.query(QueryConditional.keyEqualTo(key("acme#n-1")))
                .iterator()
                .next();
        return page.items();
    }

    /** Raw Enhanced Client query with the tenant's credentials on the request, first page of ten items. */
    @Benchmark
    public List<Item> rawSessionCredentialsQuery() {
        Page<Item> page = rawSessionTable
                .query(QueryConditional.keyEqualTo(key("acme#n-1")))
                .iterator()
                .next();
        return page.items();
    }

    /** TenantTable.query, first page of ten items. */
    @Benchmark
    public List<Item> tenantQuery() {
        Page<Item> page = tenantTable
                .query(QueryConditional.keyEqualTo(key("n-1")))
                .iterator()
                .next();
        return page.items();
    }

    /** Raw S3Client.putObject of 1 KiB. */
    @Benchmark
    public PutObjectResponse rawPutObject() {
        return s3.putObject(r -> r.bucket("files").key("acme/reports/q1.txt"), RequestBody.fromBytes(body));
    }

    /** Raw S3Client.putObject of 1 KiB with the tenant's credentials on the request. */
    @Benchmark
    public PutObjectResponse rawSessionCredentialsPutObject() {
        return s3.putObject(
                r -> r.bucket("files")
                        .key("acme/reports/q1.txt")
                        .overrideConfiguration(o -> o.credentialsProvider(sessionCredentials)),
                RequestBody.fromBytes(body));
    }

    /** TenantBucket.putObject of 1 KiB (key validation, guard, per-request credentials). */
    @Benchmark
    public PutObjectResponse tenantPutObject() {
        return tenantBucket.putObject("reports/q1.txt", RequestBody.fromBytes(body));
    }

    /** The bucket() call a request handler makes (key rules and guard objects). */
    @Benchmark
    public TenantBucket tenantSessionBucket() {
        return client.session(token).bucket("files");
    }
}
