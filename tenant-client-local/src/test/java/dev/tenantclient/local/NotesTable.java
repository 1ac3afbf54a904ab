/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import dev.tenantclient.TenantAsyncTable;
import dev.tenantclient.TenantSession;
import dev.tenantclient.TenantTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.enhanced.dynamodb.Document;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.MappedTableResource;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactGetItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;

/**
 * A tenant table as the isolation tests use it, over {@link TenantTable} or {@link TenantAsyncTable}: the same test
 * runs against both paths. The async one waits for each future and throws what failed it (unwrapped), so a test's
 * assertions read the same for both; queries collect every page.
 *
 * @param <T> the item type
 */
interface NotesTable<T> {

    /** Which path a test runs on. */
    enum Mode {
        SYNC,
        ASYNC;

        <T> NotesTable<T> open(TenantSession session, String table, TableSchema<T> schema) {
            return this == SYNC
                    ? new Sync<>(session.table(table, schema))
                    : new Async<>(session.asyncTable(table, schema));
        }
    }

    T getItem(Key key);

    void putItem(T item);

    void putItem(PutItemEnhancedRequest<T> request);

    T updateItem(T item);

    T deleteItem(Key key);

    List<Page<T>> query(QueryConditional condition);

    List<Page<T>> query(Consumer<QueryEnhancedRequest.Builder> request);

    List<Page<T>> queryIndex(String index, QueryConditional condition);

    List<Page<T>> queryIndex(String index, Consumer<QueryEnhancedRequest.Builder> request);

    /** Opens an index (and nothing else), for the refusal of an unknown one. */
    void index(String index);

    List<T> batchGetItems(Collection<Key> keys);

    void batchWriteItems(Collection<T> puts, Collection<Key> deletes);

    void transactWriteItems(Consumer<TransactWriteItemsEnhancedRequest.Builder> request);

    List<Document> transactGetItems(Consumer<TransactGetItemsEnhancedRequest.Builder> request);

    MappedTableResource<T> mappedTable();

    /** The sync path. */
    record Sync<T>(TenantTable<T> table) implements NotesTable<T> {
        @Override
        public T getItem(Key key) {
            return table.getItem(key);
        }

        @Override
        public void putItem(T item) {
            table.putItem(item);
        }

        @Override
        public void putItem(PutItemEnhancedRequest<T> request) {
            table.putItem(request);
        }

        @Override
        public T updateItem(T item) {
            return table.updateItem(item);
        }

        @Override
        public T deleteItem(Key key) {
            return table.deleteItem(key);
        }

        @Override
        public List<Page<T>> query(QueryConditional condition) {
            return table.query(condition).stream().toList();
        }

        @Override
        public List<Page<T>> query(Consumer<QueryEnhancedRequest.Builder> request) {
            return table.query(request).stream().toList();
        }

        @Override
        public List<Page<T>> queryIndex(String index, QueryConditional condition) {
            return table.index(index).query(condition).stream().toList();
        }

        @Override
        public List<Page<T>> queryIndex(String index, Consumer<QueryEnhancedRequest.Builder> request) {
            return table.index(index).query(request).stream().toList();
        }

        @Override
        public void index(String index) {
            table.index(index);
        }

        @Override
        public List<T> batchGetItems(Collection<Key> keys) {
            return table.batchGetItems(keys);
        }

        @Override
        public void batchWriteItems(Collection<T> puts, Collection<Key> deletes) {
            table.batchWriteItems(puts, deletes);
        }

        @Override
        public void transactWriteItems(Consumer<TransactWriteItemsEnhancedRequest.Builder> request) {
            table.transactWriteItems(request);
        }

        @Override
        public List<Document> transactGetItems(Consumer<TransactGetItemsEnhancedRequest.Builder> request) {
            return table.transactGetItems(request);
        }

        @Override
        public MappedTableResource<T> mappedTable() {
            return table.mappedTable();
        }
    }

    /** The async path, waited for. */
    record Async<T>(TenantAsyncTable<T> table) implements NotesTable<T> {
        @Override
        public T getItem(Key key) {
            return join(table.getItem(key));
        }

        @Override
        public void putItem(T item) {
            join(table.putItem(item));
        }

        @Override
        public void putItem(PutItemEnhancedRequest<T> request) {
            join(table.putItem(request));
        }

        @Override
        public T updateItem(T item) {
            return join(table.updateItem(item));
        }

        @Override
        public T deleteItem(Key key) {
            return join(table.deleteItem(key));
        }

        @Override
        public List<Page<T>> query(QueryConditional condition) {
            return pages(table.query(condition));
        }

        @Override
        public List<Page<T>> query(Consumer<QueryEnhancedRequest.Builder> request) {
            return pages(table.query(request));
        }

        @Override
        public List<Page<T>> queryIndex(String index, QueryConditional condition) {
            return pages(table.index(index).query(condition));
        }

        @Override
        public List<Page<T>> queryIndex(String index, Consumer<QueryEnhancedRequest.Builder> request) {
            return pages(table.index(index).query(request));
        }

        @Override
        public void index(String index) {
            table.index(index);
        }

        @Override
        public List<T> batchGetItems(Collection<Key> keys) {
            return join(table.batchGetItems(keys));
        }

        @Override
        public void batchWriteItems(Collection<T> puts, Collection<Key> deletes) {
            join(table.batchWriteItems(puts, deletes));
        }

        @Override
        public void transactWriteItems(Consumer<TransactWriteItemsEnhancedRequest.Builder> request) {
            join(table.transactWriteItems(request));
        }

        @Override
        public List<Document> transactGetItems(Consumer<TransactGetItemsEnhancedRequest.Builder> request) {
            return join(table.transactGetItems(request));
        }

        @Override
        public MappedTableResource<T> mappedTable() {
            return table.mappedTable();
        }

        private static <P> List<P> pages(SdkPublisher<P> publisher) {
            List<P> pages = new ArrayList<>();
            join(publisher.subscribe(pages::add));
            return pages;
        }
    }

    /** The future's value, or what failed it, unwrapped as a sync call would throw it. */
    static <V> V join(CompletableFuture<V> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
