/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The local user pool's public JWKS on loopback, at the path Cognito uses:
 * {@code GET /<userPoolId>/.well-known/jwks.json}. Counts the requests it answers.
 */
public final class JwksEndpoint implements AutoCloseable {

    private final String path;
    private final Supplier<String> jwks;
    private final AtomicLong requests = new AtomicLong();
    private final WireMockServer server;

    /**
     * Starts the endpoint.
     *
     * @param userPoolId the user pool whose keys it serves
     * @param jwks the JWKS document, read on every request
     */
    public JwksEndpoint(String userPoolId, Supplier<String> jwks) {
        this.path = "/" + userPoolId + "/.well-known/jwks.json";
        this.jwks = jwks;
        this.server = AnsweringServer.start("local-user-pool-jwks", this::answer, o -> o);
    }

    /** @return the JWKS URL */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** @return JWKS requests answered so far */
    public long requests() {
        return requests.get();
    }

    private ResponseDefinition answer(Request request) {
        if (!"GET".equals(request.getMethod().getName()) || !path.equals(request.getUrl())) {
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(404)
                    .withBody("not found")
                    .build();
        }
        requests.incrementAndGet();
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(jwks.get())
                .build();
    }

    @Override
    public void close() {
        server.stop();
    }
}
