/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Credentials: the per-token cache of tenant-scoped AWS credentials and its settings and statistics. */
@NullMarked
package dev.tenantclient.credentials;

import org.jspecify.annotations.NullMarked;
