/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The credentials cache's workings (internal): per token, one {@link TokenEntry} in a {@link TokenStore}; exchanges
 * scheduled by {@link ExchangeScheduler} against a {@link CredentialsSource} ({@link IdentityPoolExchange} for a
 * Cognito identity pool); their outcomes classified by {@link ExchangeFailures} and reported by
 * {@link ExchangeReporter}; {@link TokenCache} puts the pieces together.
 */
@NullMarked
package dev.tenantclient.internal.credentials;

import org.jspecify.annotations.NullMarked;
