/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.benchmarks;

import dev.tenantclient.TenantAsyncTable;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import dev.tenantclient.benchmarks.WrapperBenchmark.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
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
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The async wrapper's own cost: {@code TenantAsyncTable} against the raw async Enhanced Client table, on one shared
 * {@code DynamoDbAsyncClient} over an in-memory async HTTP client with canned answers (see {@link WrapperBenchmark}
 * for the sync pair). Each call is joined, so a score is one request's latency on an idle client; futures complete
 * on the calling thread (no completion executor), so it is CPU work, comparable with the sync pair. The raw calls
 * sign with static credentials; the tenant calls with the session's (cached) credentials.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AsyncTableBenchmark {

    private static final String ITEM = "{\"id\":{\"S\":\"acme#n-1\"},\"sk\":{\"S\":\"0\"},\"text\":{\"S\":\"hello\"}}";

    private CognitoStub cognito;
    private TenantClient client;
    private DynamoDbAsyncClient dynamo;
    private TenantAsyncTable<Item> tenantTable;
    private DynamoDbAsyncTable<Item> rawTable;
    private DynamoDbAsyncTable<Item> rawSessionTable;
    private Item item;

    @Setup(Level.Trial)
    public void setUp() {
        StringBuilder page = new StringBuilder("{\"Count\":10,\"Items\":[");
        for (int i = 0; i < 10; i++) {
            page.append(i == 0 ? "" : ",").append(ITEM.replace("\"0\"", "\"" + i + "\""));
        }
        String queryPage = page.append("]}").toString();
        CannedAsyncHttpClient http = new CannedAsyncHttpClient(r -> {
            String type = "application/x-amz-json-1.0";
            return switch (r.target()) {
                case "GetItem" -> CannedHttpClient.Answer.json(type, "{\"Item\":" + ITEM + "}");
                case "Query" -> CannedHttpClient.Answer.json(type, queryPage);
                default -> CannedHttpClient.Answer.json(type, "{}");
            };
        });
        dynamo = DynamoDbAsyncClient.builder()
                .region(Region.US_EAST_1)
                .httpClient(http)
                // complete futures on the thread that completes the response (here: the caller's, as the canned
                // client answers at once), so a score is the CPU work, not thread hand-offs on a busy machine
                .asyncConfiguration(c -> c.advancedOption(
                        SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, (Executor) Runnable::run))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIARAW", "raw-secret")))
                .build();
        cognito = new CognitoStub();
        client = cognito.tenantClient().dynamoDbAsyncClient(dynamo).build();
        TenantSession session = client.session(CognitoStub.token("acme", "alice"));
        session.credentialsProvider().resolveCredentials();
        tenantTable = session.asyncTable("notes", WrapperBenchmark.SCHEMA);
        rawTable = DynamoDbEnhancedAsyncClient.builder()
                .dynamoDbClient(dynamo)
                .build()
                .table("notes", WrapperBenchmark.SCHEMA);
        rawSessionTable = DynamoDbEnhancedAsyncClient.builder()
                .dynamoDbClient(PerRequestCredentials.dynamoDbAsync(dynamo, session.credentialsProvider()))
                .build()
                .table("notes", WrapperBenchmark.SCHEMA);
        item = new Item();
        item.id = "n-1";
        item.sk = "0";
        item.text = "hello";
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        dynamo.close();
    }

    private static Key key(String id) {
        return Key.builder().partitionValue(id).sortValue("0").build();
    }

    /** Raw async Enhanced Client getItem (the caller builds the prefixed key itself). */
    @Benchmark
    public Item rawGetItem() {
        return rawTable.getItem(key("acme#n-1")).join();
    }

    /** Raw async getItem with the tenant's credentials on the request. */
    @Benchmark
    public Item rawSessionCredentialsGetItem() {
        return rawSessionTable.getItem(key("acme#n-1")).join();
    }

    /** TenantAsyncTable.getItem. */
    @Benchmark
    public Item tenantGetItem() {
        return tenantTable.getItem(key("n-1")).join();
    }

    /** Raw async Enhanced Client putItem. */
    @Benchmark
    public void rawPutItem() {
        Item prefixed = new Item();
        prefixed.id = "acme#" + item.id;
        prefixed.sk = item.sk;
        prefixed.text = item.text;
        rawTable.putItem(prefixed).join();
    }

    /** Raw async putItem with the tenant's credentials on the request. */
    @Benchmark
    public void rawSessionCredentialsPutItem() {
        Item prefixed = new Item();
        prefixed.id = "acme#" + item.id;
        prefixed.sk = item.sk;
        prefixed.text = item.text;
        rawSessionTable.putItem(prefixed).join();
    }

    /** TenantAsyncTable.putItem. */
    @Benchmark
    public void tenantPutItem() {
        tenantTable.putItem(item).join();
    }

    /** Raw async Enhanced Client query, the (only) page of ten items. */
    @Benchmark
    public List<Item> rawQuery() {
        List<Item> items = new ArrayList<>();
        rawTable.query(QueryConditional.keyEqualTo(key("acme#n-1")))
                .subscribe(p -> items.addAll(p.items()))
                .join();
        return items;
    }

    /** Raw async query with the tenant's credentials on the request, the (only) page of ten items. */
    @Benchmark
    public List<Item> rawSessionCredentialsQuery() {
        List<Item> items = new ArrayList<>();
        rawSessionTable
                .query(QueryConditional.keyEqualTo(key("acme#n-1")))
                .subscribe(p -> items.addAll(p.items()))
                .join();
        return items;
    }

    /** TenantAsyncTable.query, the (only) page of ten items. */
    @Benchmark
    public List<Item> tenantQuery() {
        List<Item> items = new ArrayList<>();
        tenantTable
                .query(QueryConditional.keyEqualTo(key("n-1")))
                .subscribe(p -> items.addAll(p.items()))
                .join();
        return items;
    }
}
