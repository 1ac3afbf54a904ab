/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit Jupiter test class against one {@link dev.tenantclient.local.LocalTenantStack} shared by the whole
 * test run: test methods, constructors and lifecycle methods may declare parameters of type
 * {@code LocalTenantStack}, {@code LocalTokenIssuer} and {@code TenantClient}.
 *
 * <pre>{@code
 * @LocalTenantStackTest
 * class NotesTest {
 *     @Test
 *     void tenantsAreIsolated(LocalTenantStack stack, TenantClient client) {
 *         TenantSession acme = client.session(stack.issueToken("acme", "alice"));
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(LocalTenantStackExtension.class)
public @interface LocalTenantStackTest {}
