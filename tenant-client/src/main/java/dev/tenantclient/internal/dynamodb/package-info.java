/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The DynamoDB boundary of a session, one job per class, like OkHttp's interceptors: {@link
 * dev.tenantclient.internal.dynamodb.TenantDynamoDbClient} and its async twin dispatch each operation through {@link
 * dev.tenantclient.internal.dynamodb.Dispatch}; {@link dev.tenantclient.internal.dynamodb.DynamoDbRequestGuard}
 * composes, per operation, the {@link dev.tenantclient.internal.dynamodb.Refusals refusals}, the {@link
 * dev.tenantclient.internal.dynamodb.ItemRewriter item rewriting}, the {@link
 * dev.tenantclient.internal.dynamodb.ExpressionGuard expression guard} over the one {@link
 * dev.tenantclient.internal.dynamodb.Expressions parser}, the {@link dev.tenantclient.internal.dynamodb.LeadingKeyCheck
 * leading-key check}, the {@link dev.tenantclient.internal.dynamodb.RequestCredentials per-request credentials} and
 * the {@link dev.tenantclient.internal.dynamodb.ResponseStripping response stripping}.
 */
@NullMarked
package dev.tenantclient.internal.dynamodb;

import org.jspecify.annotations.NullMarked;
