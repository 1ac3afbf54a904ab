/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/**
 * {@link CannedHttpClient} for async SDK clients: answers each request in memory, on the calling thread, once its
 * body has been read, so a benchmark measures the SDK's and the library's work and not a network or an event loop.
 */
public final class CannedAsyncHttpClient implements SdkAsyncHttpClient {

    private final Function<CannedHttpClient.Request, CannedHttpClient.Answer> answers;

    /**
     * @param answers computes the answer to each request
     */
    public CannedAsyncHttpClient(Function<CannedHttpClient.Request, CannedHttpClient.Answer> answers) {
        this.answers = answers;
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        SdkHttpRequest http = request.request();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        request.requestContentPublisher().subscribe(new Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer b) {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                body.write(bytes, 0, bytes.length);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                String target = http.firstMatchingHeader("X-Amz-Target").orElse("");
                CannedHttpClient.Answer answer = answers.apply(new CannedHttpClient.Request(
                        http.method().name(),
                        http.encodedPath(),
                        target.substring(target.indexOf('.') + 1),
                        body.toByteArray()));
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(answer.status());
                answer.headers().forEach(response::putHeader);
                response.putHeader("Content-Length", String.valueOf(answer.body().length));
                request.responseHandler().onHeaders(response.build());
                request.responseHandler().onStream(once(ByteBuffer.wrap(answer.body())));
                done.complete(null);
            }
        });
        return done;
    }

    /** A publisher of one buffer. */
    private static Publisher<ByteBuffer> once(ByteBuffer buffer) {
        return subscriber -> subscriber.onSubscribe(new Subscription() {
            private final AtomicBoolean sent = new AtomicBoolean();

            @Override
            public void request(long n) {
                if (n > 0 && sent.compareAndSet(false, true)) {
                    subscriber.onNext(buffer);
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                sent.set(true);
            }
        });
    }

    @Override
    public String clientName() {
        return "canned-async";
    }

    @Override
    public void close() {}
}
