/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.samples.reactive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The notes service on Spring WebFlux. In production it is an OAuth2 resource server for the Cognito user pool
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}) with {@code tenant-client.*} properties; its test
 * runs it on the local stack ({@code @AutoConfigureLocalTenantStack}).
 */
@SpringBootApplication
public class NotesReactiveApplication {

    /**
     * Starts the service.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(NotesReactiveApplication.class, args);
    }
}
