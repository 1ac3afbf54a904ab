/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * {@link dev.tenantclient.doctor.iam.PolicyEvaluator}: evaluates identity-based IAM policies offline, as the doctor
 * compares a deployed role with the generated policies and as the local stack's gateway authorizes each request.
 */
@NullMarked
package dev.tenantclient.doctor.iam;

import org.jspecify.annotations.NullMarked;
