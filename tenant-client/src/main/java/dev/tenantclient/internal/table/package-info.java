/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The table and index implementations (internal): tenant-scoped views over the guarded DynamoDB clients.
 */
@NullMarked
package dev.tenantclient.internal.table;

import org.jspecify.annotations.NullMarked;
