/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.benchmarks;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/**
 * The async counterpart of {@link CannedHttpClient}: drains each request body and answers, on the calling thread,
 * with a canned status, headers and an empty body, so an async benchmark measures the SDK's and the library's own
 * work and not a network or an event loop.
 */
public final class CannedAsyncHttpClient implements SdkAsyncHttpClient {

    private final int status;
    private final Map<String, String> headers;
    private final LongAdder requests = new LongAdder();

    /**
     * @param status the status of every answer
     * @param headers the headers of every answer
     */
    public CannedAsyncHttpClient(int status, Map<String, String> headers) {
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /** @return requests answered so far */
    public long requests() {
        return requests.sum();
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        request.requestContentPublisher().subscribe(new Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer b) {}

            @Override
            public void onError(Throwable t) {
                request.responseHandler().onError(t);
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                requests.increment();
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status);
                headers.forEach(response::putHeader);
                response.putHeader("Content-Length", "0");
                request.responseHandler().onHeaders(response.build());
                request.responseHandler()
                        .onStream(subscriber -> subscriber.onSubscribe(new Subscription() {
                            private boolean completed;

                            @Override
                            public void request(long n) {
                                if (!completed) {
                                    completed = true;
                                    subscriber.onComplete();
                                }
                            }

                            @Override
                            public void cancel() {
                                completed = true;
                            }
                        }));
                done.complete(null);
            }
        });
        return done;
    }

    @Override
    public String clientName() {
        return "canned";
    }

    @Override
    public void close() {}
}
