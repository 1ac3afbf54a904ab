/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.samples.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Smoke test of the sample exactly as its README runs it: LocalNotesService, then HTTP calls with local tokens. */
class NotesServiceTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext context;
    private static String base;

    @BeforeAll
    static void start() {
        context = LocalNotesService.start("--server.port=0");
        base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static HttpResponse<String> call(String method, String path, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String org, String user) throws Exception {
        return call("POST", "/dev/tokens?org=" + org + "&user=" + user, null, null, null)
                .body();
    }

    private static String idOf(String json) {
        return json.replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    @Test
    void twoTenantsKeepTheirNotesAndAttachmentsApart() throws Exception {
        String acme = token("acme", "alice");
        String globex = token("globex", "bob");

        HttpResponse<String> created = call("POST", "/notes", acme, "text/plain", "acme's plan");
        String id = idOf(created.body());
        call("POST", "/notes", globex, "text/plain", "globex's plan");
        HttpResponse<String> attached =
                call("PUT", "/notes/" + id + "/attachment", acme, "application/octet-stream", "attached bytes");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(attached.statusCode()).isEqualTo(204);
        assertThat(call("GET", "/notes", acme, null, null).body())
                .contains("acme's plan")
                .doesNotContain("globex");
        assertThat(call("GET", "/notes", globex, null, null).body())
                .contains("globex's plan")
                .doesNotContain("acme");
        assertThat(call("GET", "/notes/" + id + "/attachment", acme, null, null).body())
                .isEqualTo("attached bytes");
        assertThat(call("GET", "/notes/" + id, globex, null, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/notes/" + id + "/attachment", globex, null, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anOverLongNoteIdIsA400ProblemNotA500() throws Exception {
        String acme = token("acme", "alice");

        HttpResponse<String> response = call("GET", "/notes/" + "n".repeat(1100) + "/attachment", acme, null, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"reason\":\"tenant-boundary\"").doesNotContain(acme);
    }

    @Test
    void withoutATokenTheServiceAnswers401() throws Exception {
        assertThat(call("GET", "/notes", null, null, null).statusCode()).isEqualTo(401);
    }
}
