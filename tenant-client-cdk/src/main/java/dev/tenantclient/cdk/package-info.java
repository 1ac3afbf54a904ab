/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * An AWS CDK construct, {@link dev.tenantclient.cdk.TenantIsolation}, that deploys the isolation a
 * {@link dev.tenantclient.TenantLayout} needs from that same layout: the user pool's immutable tenant attribute, the
 * identity pool with its principal-tag map, the authenticated role with the policies
 * {@link dev.tenantclient.policy.TenantPolicies} generates, and optionally the table and the bucket.
 */
package dev.tenantclient.cdk;
