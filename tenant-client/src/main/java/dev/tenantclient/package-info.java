/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * tenant-client: a Cognito ID token in, tenant-confined DynamoDB and S3 access out. Start with
 * {@link dev.tenantclient.TenantClient#builder()}, then {@link dev.tenantclient.TenantClient#session(String)} per request.
 *
 * <p>Every package of the public API is {@link org.jspecify.annotations.NullMarked}: a parameter or return value may
 * be null only where it is annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.tenantclient;

import org.jspecify.annotations.NullMarked;
