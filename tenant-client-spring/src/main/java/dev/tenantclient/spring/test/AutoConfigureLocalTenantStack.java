/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Runs a Spring test's application against a {@code LocalTenantStack} (from {@code tenant-client-local}, which the
 * test classpath must have) with no hand wiring:
 *
 * <ul>
 *   <li>one stack per JVM, started by the first test context that asks for it and shared by all of them (closed
 *       when the JVM exits);
 *   <li>the {@code tenant-client.*} properties point at it: region, identity and user pool, app client, and the
 *       Cognito Identity, DynamoDB and S3 endpoints (they take precedence over the application's own files);
 *   <li>a primary {@code JwtDecoder} (when Spring Security's {@code spring-security-oauth2-jose} is present) that
 *       verifies the stack's ID tokens against its JWKS ({@code LocalTenantStack.jwksUrl()}) and issuer, so that the
 *       application's resource server and the tenant client accept them;
 *   <li>the stack ({@code LocalTenantStack}) and its token issuer ({@code LocalTokenIssuer}) as beans, for tests
 *       that mint tokens, create tables and buckets, or inject faults.
 * </ul>
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = RANDOM_PORT)
 * @AutoConfigureLocalTenantStack
 * class NotesApiTest {
 *   @Autowired LocalTokenIssuer tokens;
 *   ...  tokens.token("alice").org("acme").build()  ...
 * }
 * }</pre>
 *
 * Works on Spring Boot 3.5 and 4.0 (Spring Framework 6.2 and 7), with or without {@code @SpringBootTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(LocalTenantStackContextCustomizerFactory.class)
public @interface AutoConfigureLocalTenantStack {}
