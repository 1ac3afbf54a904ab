/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.UUID;

/** Answers in the AWS JSON 1.1 protocol (Cognito Identity, Cognito user pools) for the local emulators. */
public final class AwsJsonResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsJsonResponses() {}

    /**
     * A successful answer.
     *
     * @param body the JSON body
     * @return the response
     */
    public static ResponseDefinition ok(JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody(body.toString())
                .build();
    }

    /**
     * An error, as the SDK reads it: {@code __type} in the body and {@code x-amzn-ErrorType}.
     *
     * @param status the HTTP status
     * @param type the error type, such as {@code NotAuthorizedException}
     * @param message the message
     * @return the response
     */
    public static ResponseDefinition error(int status, String type, String message) {
        String body = JSON.createObjectNode()
                .put("__type", type)
                .put("message", message)
                .toString();
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withHeader("x-amzn-ErrorType", type)
                .withBody(body)
                .build();
    }
}
