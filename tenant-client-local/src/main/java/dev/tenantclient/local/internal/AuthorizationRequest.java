/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import java.util.List;
import java.util.Map;

/**
 * One IAM authorization a service request needs: an action on a resource, with the request's condition keys.
 * A service request may need several (a batch write on two tables, a copy that reads its source).
 *
 * @param action such as {@code dynamodb:GetItem} or {@code s3:PutObject}
 * @param resource the resource ARN
 * @param context request condition keys, such as {@code dynamodb:LeadingKeys} (multi-valued) or {@code s3:prefix};
 *     an absent key is absent from the map
 */
public record AuthorizationRequest(String action, String resource, Map<String, List<String>> context) {

    /** Copies the context. */
    public AuthorizationRequest {
        context = Map.copyOf(context);
    }
}
