/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenantclient.TenantAsyncTable;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The async path never blocks an event-loop thread: many concurrent async requests over many fresh tokens, issued from
 * a two-thread "event loop" onto an SDK client with two netty event-loop threads, under BlockHound (installed by its
 * JUnit platform integration in a JVM of its own; rules in {@link EventLoopBlockHound}). Every token's first request
 * misses the credentials cache, so its Cognito exchange is in flight while further requests for the same token
 * arrive: none may wait for it on an event loop, and each token costs exactly one exchange.
 *
 * <p>Size: 200 requests over 20 tokens by default; {@code -Dtenantclient.async.requests=10000
 * -Dtenantclient.async.tokens=1000} runs the issue's figure.
 */
class AsyncBlockHoundTest {

    private static final Logger log = LoggerFactory.getLogger(AsyncBlockHoundTest.class);

    private static final int REQUESTS = Integer.getInteger("tenantclient.async.requests", 200);
    private static final int TOKENS = Integer.getInteger("tenantclient.async.tokens", 20);
    private static final AtomicInteger tables = new AtomicInteger();

    private static LocalTenantStack stack;
    private static SdkAsyncHttpClient http;
    private static DynamoDbAsyncClient dynamoDb;
    private static ExecutorService eventLoop;
    private static CognitoIdentityAsyncClient cognito;
    private static ExecutorService exchangePool;

    @BeforeAll
    static void start() {
        // BlockHound runs in the blockhound surefire execution only (a JVM of its own); elsewhere, nothing to check
        assumeTrue(EventLoopBlockHound.installed, "BlockHound is not installed in this JVM");
        stack = TestStacks.shared();
        http = NettyNioAsyncHttpClient.builder()
                .eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(2))
                .maxConcurrency(128)
                .maxPendingConnectionAcquires(REQUESTS * 2)
                .connectionAcquisitionTimeout(Duration.ofMinutes(2))
                .build();
        dynamoDb = DynamoDbAsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(stack.dynamoDbEndpoint())
                .httpClient(http)
                // the SDK hands each response from netty's event loop to this executor: its default one queues in a
                // LinkedBlockingQueue, whose lock two event loops can meet on; a lock-free queue keeps that SDK
                // detail out of what this test checks
                .asyncConfiguration(c ->
                        c.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, completionExecutor()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
        cognito = CognitoIdentityAsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(stack.cognitoEndpoint())
                .httpClient(http)
                .asyncConfiguration(c ->
                        c.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, completionExecutor()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
        // the credentials exchanges run here; its threads are non-blocking threads for BlockHound
        AtomicInteger p = new AtomicInteger();
        exchangePool = new ThreadPoolExecutor(16, 16, 30, TimeUnit.SECONDS, new LinkedTransferQueue<>(), r -> {
            Thread t = new Thread(r, EventLoopBlockHound.EXCHANGE_POOL + p.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger n = new AtomicInteger();
        eventLoop = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, EventLoopBlockHound.EVENT_LOOP + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static ThreadPoolExecutor completionExecutor() {
        return new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedTransferQueue<>(), r -> {
            Thread t = new Thread(r, "test-completion");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() {
        if (eventLoop == null) {
            return;
        }
        eventLoop.shutdownNow();
        exchangePool.shutdownNow();
        cognito.close();
        dynamoDb.close();
        http.close();
    }

    /** Runs a task on the test's event loop and returns what it returns. */
    private static <V> V onEventLoop(java.util.concurrent.Callable<V> task) throws Exception {
        return eventLoop.submit(task).get(1, TimeUnit.MINUTES);
    }

    @Test
    void theDetectorSeesABlockingCredentialsCallOnAnEventLoop() throws Exception {
        try (TenantClient client =
                stack.clientBuilder().dynamoDbAsyncClient(dynamoDb).build()) {
            TenantSession session = client.session(stack.issueToken("acme", "blocking-" + tables.incrementAndGet()));
            EventLoopBlockHound.DETECTED.clear();

            // resolveCredentials() waits for the exchange: exactly what must never happen on an event loop
            onEventLoop(() -> session.credentialsProvider().resolveCredentials());

            assertThat(EventLoopBlockHound.DETECTED).isNotEmpty();
            EventLoopBlockHound.DETECTED.clear();
        }
    }

    @Test
    void theDetectorSeesTheSyncCognitoClientBlockAnExchangePoolThread() throws Exception {
        try (TenantClient client = stack.clientBuilder(false)
                .credentials(c -> c.executor(exchangePool))
                .build()) {
            TenantSession session =
                    client.session(stack.issueToken("acme", "sync-exchange-" + tables.incrementAndGet()));
            EventLoopBlockHound.DETECTED.clear();

            // not on an event loop: only the exchange pool thread, waiting for the sync Cognito client, blocks
            session.credentialsProvider().resolveCredentials();

            assertThat(EventLoopBlockHound.DETECTED)
                    .anySatisfy(t -> assertThat(t.getMessage()).contains(EventLoopBlockHound.EXCHANGE_POOL));
            EventLoopBlockHound.DETECTED.clear();
        }
    }

    /**
     * Without an async Cognito client (false), the exchanges block threads of the cache's own pool, never an event
     * loop; with one (true), the exchange pool's threads count as non-blocking too, and none blocks.
     */
    @ParameterizedTest(name = "async Cognito client: {0}")
    @ValueSource(booleans = {false, true})
    void concurrentAsyncRequestsOverManyTokensNeverBlockAnEventLoopAndExchangeOncePerToken(boolean asyncCognito)
            throws Exception {
        String table = Tables.createNotes(stack, "async-notes-" + tables.incrementAndGet());
        TenantClient.Builder builder = stack.clientBuilder(false)
                .dynamoDbAsyncClient(dynamoDb)
                .credentials(c -> c.cognitoRateLimits(0, 0).maxConcurrentExchanges(16));
        if (asyncCognito) {
            builder.cognitoIdentityAsyncClient(cognito).credentials(c -> c.executor(exchangePool));
        }
        try (TenantClient client = builder.build()) {
            // warm up off the event loop: the JWKS read (once per key) and the SDK's first-request class loading
            TenantSession warm = client.session(stack.issueToken("acme", "warm"));
            warm.asyncTable(table, Tables.NOTES).getItem(key("warm")).join();
            long exchangesBefore = client.credentialsCache().stats().exchanges();
            long cognitoBefore = stack.cognito().getCredentialsCalls();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < TOKENS; i++) {
                int user = i % Math.max(1, TOKENS / 20);
                tokens.add(stack.tokens()
                        .token("async-user-" + user)
                        .org("org" + (user % 5))
                        .lifetime(Duration.ofMinutes(60).plusSeconds(i))
                        .build());
            }
            EventLoopBlockHound.DETECTED.clear();
            long started = System.nanoTime();

            List<CompletableFuture<?>> requests = new ArrayList<>();
            List<CompletableFuture<List<CompletableFuture<?>>>> batches = new ArrayList<>();
            int perBatch = 100;
            for (int from = 0; from < REQUESTS; from += perBatch) {
                int start = from;
                batches.add(CompletableFuture.supplyAsync(
                        () -> {
                            List<CompletableFuture<?>> sent = new ArrayList<>();
                            for (int r = start; r < Math.min(REQUESTS, start + perBatch); r++) {
                                // the session too is made on the event loop, as a reactive handler would
                                TenantSession session = client.session(tokens.get(r % TOKENS));
                                TenantAsyncTable<Note> notes = session.asyncTable(table, Tables.NOTES);
                                String id = "n-" + (r % TOKENS);
                                sent.add(
                                        r % 2 == 0
                                                ? notes.putItem(new Note(id, "0", "owner", "r" + r))
                                                : notes.getItem(key(id)));
                            }
                            return sent;
                        },
                        eventLoop));
            }
            for (CompletableFuture<List<CompletableFuture<?>>> batch : batches) {
                requests.addAll(batch.get(2, TimeUnit.MINUTES));
            }
            CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);

            assertThat(EventLoopBlockHound.DETECTED)
                    .withFailMessage(() -> "blocking calls on event-loop threads: " + stacks())
                    .isEmpty();
            assertThat(client.credentialsCache().stats().exchanges() - exchangesBefore)
                    .isEqualTo(TOKENS);
            assertThat(stack.cognito().getCredentialsCalls() - cognitoBefore).isEqualTo(TOKENS);
            log.info(
                    "async: {} requests over {} tokens in {} ms, {} exchanges, {} blocking calls on event loops",
                    REQUESTS,
                    TOKENS,
                    (System.nanoTime() - started) / 1_000_000,
                    client.credentialsCache().stats().exchanges() - exchangesBefore,
                    EventLoopBlockHound.DETECTED.size());
        }
    }

    private static String stacks() {
        StringBuilder b = new StringBuilder(EventLoopBlockHound.DETECTED.size() + " in all, the first ones:");
        EventLoopBlockHound.DETECTED.stream().limit(3).forEach(t -> {
            b.append('\n').append(t.getMessage());
            for (StackTraceElement e : t.getStackTrace()) {
                b.append("\n    at ").append(e);
            }
        });
        return b.toString();
    }

    private static Key key(String id) {
        return Key.builder().partitionValue(id).sortValue("0").build();
    }
}
