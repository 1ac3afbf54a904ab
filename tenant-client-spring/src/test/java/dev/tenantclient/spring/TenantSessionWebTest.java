/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantSession;
import dev.tenantclient.local.LocalTenantStack;
import dev.tenantclient.local.LocalTokenIssuer;
import dev.tenantclient.spring.test.AutoConfigureLocalTenantStack;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot resource server with tenant-client-spring against LocalTenantStack: controllers take a
 * {@code TenantSession}; two tenants see only their own data; no token is 401, a bad tenant claim 403. The stack,
 * the {@code tenant-client.*} properties and the {@code JwtDecoder} come from {@code @AutoConfigureLocalTenantStack}.
 */
@SpringBootTest(classes = TenantSessionWebTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureLocalTenantStack
class TenantSessionWebTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    LocalTenantStack stack;

    @Autowired
    LocalTokenIssuer tokens;

    @Autowired
    Environment environment;

    @Autowired
    TenantClientMetrics metrics;

    @Autowired
    MeterRegistry registry;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class App {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @PutMapping("/files/{name}")
        String put(TenantSession session, @PathVariable String name, @RequestBody String body) {
            session.bucket("web-files").putObject(name, software.amazon.awssdk.core.sync.RequestBody.fromString(body));
            return session.tenant().org();
        }

        @GetMapping("/files/{name}")
        String get(TenantSession session, @PathVariable String name) {
            return session.bucket("web-files").getObjectAsBytes(name).asUtf8String();
        }
    }

    @BeforeEach
    void bucket() {
        if (!stack.adminS3Client().listBuckets().buckets().stream()
                .anyMatch(b -> b.name().equals("web-files"))) {
            stack.adminS3Client().createBucket(r -> r.bucket("web-files"));
        }
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twoTenantsCallTheSameEndpointsAndEachSeesItsOwnData() throws Exception {
        String acme = stack.issueToken("acme", "alice");
        String globex = stack.issueToken("globex", "bob");

        assertThat(call("PUT", "/files/report.txt", acme, "acme's").body()).isEqualTo("acme");
        assertThat(call("PUT", "/files/report.txt", globex, "globex's").body()).isEqualTo("globex");

        assertThat(call("GET", "/files/report.txt", acme, null).body()).isEqualTo("acme's");
        assertThat(call("GET", "/files/report.txt", globex, null).body()).isEqualTo("globex's");
        assertThat(stack.adminS3Client()
                        .listObjectsV2(r -> r.bucket("web-files"))
                        .contents())
                .extracting(o -> o.key())
                .contains("acme/report.txt", "globex/report.txt");
    }

    @Test
    void aRequestWithoutATokenIs401() throws Exception {
        assertThat(call("GET", "/files/report.txt", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aVerifiedTokenWithAnUnsafeTenantClaimIs403() throws Exception {
        String token = tokens.token("mallory").org("acme#globex").build();

        HttpResponse<String> response = call("GET", "/files/report.txt", token, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain(token);
    }

    @Test
    void aTokenWithoutATenantClaimIs403() throws Exception {
        assertThat(call("GET", "/files/report.txt", tokens.token("nobody").build(), null)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void meteringCountsExchanges() throws Exception {
        metrics.bindTo(registry);
        call("GET", "/files/none.txt", stack.issueToken("initech", "carol"), null);

        assertThat(registry.get("tenant.client.exchange").timer().count()).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("cache.gets")
                        .tag("cache", "tenant-client")
                        .tag("result", "miss")
                        .functionCounter()
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("cache.size")
                        .tag("cache", "tenant-client")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.find("tenant.client.exchanges").meters())
                .as("one count of exchanges: the timer's")
                .isEmpty();
    }
}
