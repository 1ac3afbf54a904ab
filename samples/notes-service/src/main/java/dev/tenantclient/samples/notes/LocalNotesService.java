/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.samples.notes;

import dev.tenantclient.TenantLayout;
import dev.tenantclient.local.LocalTenantStack;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The notes service on a {@link LocalTenantStack}, offline: the stack's Cognito emulator, DynamoDB Local and S3
 * server behind the IAM gateway, the service trusting the stack's user pool, and {@code POST /dev/tokens} handing
 * out local ID tokens for curl. Local only: a real deployment has no token endpoint.
 */
public final class LocalNotesService {

    static LocalTenantStack stack;

    private LocalNotesService() {}

    /**
     * Starts the stack and the service (port 8080 unless {@code --server.port=...}).
     *
     * @param args Spring Boot arguments
     */
    public static void main(String[] args) {
        start(args);
    }

    static ConfigurableApplicationContext start(String... args) {
        // the stack serves the service's layout (tenant-client.layout.type, org by default) and no other
        stack = LocalTenantStack.builder().layouts(TenantLayout.org()).start();
        DynamoDbEnhancedClient.builder()
                .dynamoDbClient(stack.adminDynamoDbClient())
                .build()
                .table(NotesController.TABLE, TableSchema.fromBean(Note.class))
                .createTable();
        stack.adminS3Client().createBucket(r -> r.bucket(NotesController.BUCKET));
        SpringApplication app = new SpringApplication(NotesServiceApplication.class, LocalConfig.class);
        app.setDefaultProperties(Map.of(
                "tenant-client.identity-pool-id",
                LocalTenantStack.IDENTITY_POOL_ID,
                "tenant-client.user-pool-id",
                LocalTenantStack.USER_POOL_ID,
                "tenant-client.client-id",
                LocalTenantStack.CLIENT_ID,
                "tenant-client.endpoints.cognito-identity",
                stack.cognitoEndpoint().toString(),
                "tenant-client.endpoints.dynamodb",
                stack.dynamoDbEndpoint().toString(),
                "tenant-client.endpoints.s3",
                stack.s3Endpoint().toString()));
        ConfigurableApplicationContext context = app.run(args);
        context.addApplicationListener(e -> {
            if (e instanceof org.springframework.context.event.ContextClosedEvent) {
                stack.close();
            }
        });
        return context;
    }

    /** Trusts the local user pool and serves local tokens. */
    @Configuration(proxyBeanMethods = false)
    @RestController
    static class LocalConfig {

        @Bean
        JwtDecoder jwtDecoder() {
            NimbusJwtDecoder decoder =
                    NimbusJwtDecoder.withPublicKey(stack.tokens().publicKey()).build();
            decoder.setJwtValidator(
                    JwtValidators.createDefaultWithIssuer(stack.tokens().issuer()));
            return decoder;
        }

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.requestMatchers("/dev/tokens")
                            .permitAll()
                            .anyRequest()
                            .authenticated())
                    .csrf(c -> c.ignoringRequestMatchers("/dev/tokens"))
                    .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()))
                    .build();
        }

        /**
         * A local ID token for a user of a tenant (signed by the stack's user pool).
         *
         * @param org the tenant
         * @param user the user
         * @return the token
         */
        @PostMapping("/dev/tokens")
        String token(@RequestParam String org, @RequestParam String user) {
            return stack.issueToken(org, user);
        }
    }
}
