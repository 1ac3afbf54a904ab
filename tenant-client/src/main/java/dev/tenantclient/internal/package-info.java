/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Internal support shared by the implementation packages (SDK client settings and resources, Cognito names, ID token and JWKS handling); not an API.
 */
@NullMarked
package dev.tenantclient.internal;

import org.jspecify.annotations.NullMarked;
