/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import dev.tenantclient.internal.IdToken;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What the cache says about a failed Cognito call: a short cause for logs and metrics, a cleaned message, and a
 * sanitized copy of the exception chain. The SDK's own exceptions keep the service's message, which may echo the
 * login token; the library never attaches them as a cause. Each throwable in the chain is replaced by a
 * {@link Sanitized} copy with the original class name, a cleaned message and the original stack trace.
 */
final class CognitoErrors {

    private static final Pattern JWT_LIKE = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_.-]*");
    private static final int MAX_DEPTH = 8;

    private CognitoErrors() {}

    /** A short, low-cardinality cause for logs and metrics. */
    static String causeOf(Throwable t) {
        if (t instanceof AwsServiceException e
                && e.awsErrorDetails() != null
                && e.awsErrorDetails().errorCode() != null) {
            return e.awsErrorDetails().errorCode();
        }
        if (t instanceof ApiCallTimeoutException
                || t instanceof ApiCallAttemptTimeoutException
                || t instanceof TimeoutException) {
            return "Timeout";
        }
        if (t instanceof AwsServiceException e) {
            return "HTTP " + e.statusCode();
        }
        if (t instanceof SdkClientException) {
            return "ClientError";
        }
        return t.getClass().getSimpleName();
    }

    /** The message, with anything that looks like a JWT (and the token itself) cut out, and made printable. */
    static String safeMessage(Throwable t, String token) {
        String message = t instanceof AwsServiceException e && e.awsErrorDetails() != null
                ? e.awsErrorDetails().errorMessage()
                : t.getMessage();
        return clean(message, token);
    }

    static String clean(@Nullable String message, String token) {
        if (message == null) {
            return "no message";
        }
        if (token != null && !token.isEmpty()) {
            message = message.replace(token, "<token>");
            int dot = token.lastIndexOf('.');
            if (dot >= 0 && token.length() - dot > 8) {
                message = message.replace(token.substring(dot + 1), "<signature>");
            }
        }
        message = JWT_LIKE.matcher(message).replaceAll("<token>");
        return IdToken.printable(message);
    }

    /**
     * A copy of the chain that is safe to attach as a cause: same class names, messages cleaned, stack traces kept,
     * suppressed exceptions dropped.
     */
    static RuntimeException sanitized(Throwable t, String token) {
        return copy(t, token, 0, new IdentityHashMap<>());
    }

    private static Sanitized copy(Throwable t, String token, int depth, Map<Throwable, Boolean> seen) {
        seen.put(t, Boolean.TRUE);
        Throwable cause = t.getCause();
        @Nullable
        Sanitized copiedCause = cause == null || depth >= MAX_DEPTH || seen.containsKey(cause)
                ? null
                : copy(cause, token, depth + 1, seen);
        Sanitized copy = new Sanitized(t.getClass().getName() + ": " + clean(t.getMessage(), token), copiedCause);
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    /** A sanitized stand-in for an exception the library does not pass on as it is. */
    static final class Sanitized extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Sanitized(String message, @Nullable Throwable cause) {
            super(message, cause, false, true);
        }
    }
}
