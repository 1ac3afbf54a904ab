/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A WireMock server on loopback whose every request is answered by one function: the shape of the local emulators,
 * which speak a whole service protocol rather than matching stubs.
 */
public final class AnsweringServer {

    private AnsweringServer() {}

    /**
     * Starts a server.
     *
     * @param name the transformer's name, unique per server
     * @param answer the answer to every request
     * @param options further server options (threads, asynchronous responses)
     * @return the started server; the caller stops it
     */
    public static WireMockServer start(
            String name, Function<Request, ResponseDefinition> answer, UnaryOperator<WireMockConfiguration> options) {
        WireMockServer server = new WireMockServer(options.apply(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .disableRequestJournal()
                .notifier(new Slf4jNotifier(false))
                .extensions(new ResponseDefinitionTransformerV2() {
                    @Override
                    public ResponseDefinition transform(ServeEvent serveEvent) {
                        return answer.apply(serveEvent.getRequest());
                    }

                    @Override
                    public boolean applyGlobally() {
                        return false;
                    }

                    @Override
                    public String getName() {
                        return name;
                    }
                })));
        server.start();
        server.stubFor(any(anyUrl())
                .willReturn(ResponseDefinitionBuilder.responseDefinition().withTransformers(name)));
        return server;
    }
}
