/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.samples.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.local.LocalTenantStack;
import dev.tenantclient.spring.test.AutoConfigureLocalTenantStack;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** The reactive sample on the shared local stack: two tenants, the same partition, each sees only its own notes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureLocalTenantStack
class NotesReactiveTest {

    private static boolean created;

    @Autowired
    LocalTenantStack stack;

    @Autowired
    Environment environment;

    /** The resource server's reactive decoder, from the stack's {@code JwtDecoder} (its JWKS and issuer). */
    @TestConfiguration(proxyBeanMethods = false)
    static class LocalDecoder {
        @Bean
        ReactiveJwtDecoder reactiveJwtDecoder(JwtDecoder decoder) {
            return token -> Mono.fromCallable(() -> decoder.decode(token)).subscribeOn(Schedulers.boundedElastic());
        }
    }

    @BeforeEach
    void tableAndBucket() {
        synchronized (NotesReactiveTest.class) {
            if (!created) {
                DynamoDbEnhancedClient.builder()
                        .dynamoDbClient(stack.adminDynamoDbClient())
                        .build()
                        .table(NotesController.TABLE, TableSchema.fromBean(Note.class))
                        .createTable();
                stack.adminS3Client().createBucket(r -> r.bucket(NotesController.BUCKET));
                created = true;
            }
        }
    }

    private WebTestClient as(String org, String user) {
        WebTestClient.Builder b = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + environment.getProperty("local.server.port"))
                // the first request exchanges a token and starts the async HTTP clients: not a timing assertion
                .responseTimeout(Duration.ofMinutes(2));
        if (org != null) {
            String token = stack.issueToken(org, user);
            b.defaultHeader("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    @Test
    void twoTenantsKeepTheirNotesAndAttachmentsApart() {
        WebTestClient acme = as("acme", "alice");
        WebTestClient globex = as("globex", "bob");

        Note created = acme.post()
                .uri("/notes")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("acme's plan")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Note.class)
                .returnResult()
                .getResponseBody();
        globex.post()
                .uri("/notes")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("globex's plan")
                .exchange()
                .expectStatus()
                .isCreated();
        String id = created.getId();
        acme.put()
                .uri("/notes/" + id + "/attachment")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue("attached bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .exchange()
                .expectStatus()
                .isNoContent();

        List<Note> acmes = acme.get()
                .uri("/notes")
                .exchange()
                .expectBodyList(Note.class)
                .returnResult()
                .getResponseBody();
        assertThat(acmes).extracting(Note::getText).containsExactly("acme's plan");
        List<Note> globexes = globex.get()
                .uri("/notes")
                .exchange()
                .expectBodyList(Note.class)
                .returnResult()
                .getResponseBody();
        assertThat(globexes).extracting(Note::getText).containsExactly("globex's plan");
        acme.get()
                .uri("/notes/" + id + "/attachment")
                .exchange()
                .expectBody(String.class)
                .isEqualTo("attached bytes");
        globex.get().uri("/notes/" + id).exchange().expectStatus().isNotFound();
        globex.get()
                .uri("/notes/" + id + "/attachment")
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(stack.adminS3Client()
                        .listObjectsV2(r -> r.bucket(NotesController.BUCKET))
                        .contents())
                .extracting(o -> o.key())
                .containsExactly("acme/notes/" + id);
    }

    @Test
    void withoutATokenTheServiceAnswers401() {
        as(null, null).get().uri("/notes").exchange().expectStatus().isUnauthorized();
    }
}
