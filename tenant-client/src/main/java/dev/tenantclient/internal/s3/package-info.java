/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The bucket and S3 client implementations (internal): the tenant-prefixed key space and its guards.
 */
@NullMarked
package dev.tenantclient.internal.s3;

import org.jspecify.annotations.NullMarked;
