/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An in-memory {@link SdkHttpClient} answering every request with a canned response, so a benchmark measures the
 * SDK's and the library's own work (marshalling, signing, prefixing) and not a network. Counts requests by
 * operation.
 */
public final class CannedHttpClient implements SdkHttpClient {

    /** A canned answer. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        /** A 200 with a JSON body. */
        public static Answer json(String contentType, String json) {
            return new Answer(200, Map.of("Content-Type", contentType), json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Function<Request, Answer> answers;
    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> byOperation = new java.util.concurrent.ConcurrentHashMap<>();

    /** What the canned client saw of a request. */
    public record Request(String method, String path, String target, byte[] body) {}

    /**
     * @param answers computes the answer to each request
     */
    public CannedHttpClient(Function<Request, Answer> answers) {
        this.answers = answers;
    }

    /** @return requests answered so far */
    public long requests() {
        return requests.sum();
    }

    /**
     * @param target an {@code X-Amz-Target} suffix such as {@code GetId}
     * @return requests with that target answered so far
     */
    public long requests(String target) {
        LongAdder a = byOperation.get(target);
        return a == null ? 0 : a.sum();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                byte[] body = request.contentStreamProvider()
                        .map(p -> read(p.newStream()))
                        .orElse(new byte[0]);
                String target = request.httpRequest()
                        .firstMatchingHeader("X-Amz-Target")
                        .orElse("");
                String op = target.substring(target.indexOf('.') + 1);
                requests.increment();
                byOperation.computeIfAbsent(op, k -> new LongAdder()).increment();
                Answer answer = answers.apply(new Request(
                        request.httpRequest().method().name(),
                        request.httpRequest().encodedPath(),
                        op,
                        body));
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(answer.status());
                answer.headers().forEach(response::putHeader);
                response.putHeader("Content-Length", String.valueOf(answer.body().length));
                return HttpExecuteResponse.builder()
                        .response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body())))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    private static byte[] read(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String clientName() {
        return "canned";
    }

    @Override
    public void close() {}
}
