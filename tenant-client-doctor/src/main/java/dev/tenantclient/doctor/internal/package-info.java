/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** The doctor's checks: not an API, free to change in any release. */
@NullMarked
package dev.tenantclient.doctor.internal;

import org.jspecify.annotations.NullMarked;
