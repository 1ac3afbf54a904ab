/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The {@link dev.tenantclient.TenantSession} implementation (internal).
 */
@NullMarked
package dev.tenantclient.internal.session;

import org.jspecify.annotations.NullMarked;
