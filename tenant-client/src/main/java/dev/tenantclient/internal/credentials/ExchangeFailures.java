/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.InvalidTenantTokenException.Reason;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The exceptions callers see when they get no credentials: what happened, to which tenant, and what to do; never the
 * token (causes are {@linkplain CognitoErrors#sanitized sanitized} copies). Each caller gets its own instance.
 */
final class ExchangeFailures {

    private ExchangeFailures() {}

    /** @return the failure of a call on a closed cache */
    static IllegalStateException closed() {
        return new IllegalStateException("The TenantClient is closed; it exchanges no more tokens");
    }

    /**
     * The failure an exchange ends with.
     *
     * @param outcome how it ended ({@link Outcome#of})
     * @param t the unwrapped failure; null only for {@link Outcome#CLOSED}
     * @param tenant the token's tenant (org)
     * @param token the raw token, cut out of any message
     * @param timeout the exchange timeout, for messages
     * @param service the source's service name, for messages
     * @return the failure
     */
    static RuntimeException of(
            Outcome outcome, @Nullable Throwable t, String tenant, String token, Duration timeout, String service) {
        if (t == null) {
            return closed();
        }
        return switch (outcome) {
            case CLOSED -> closed();
            case REJECTED ->
                new InvalidTenantTokenException(
                        Reason.REJECTED,
                        service + " rejected the token for tenant '" + tenant + "' ("
                                + t.getClass().getSimpleName() + ": " + CognitoErrors.safeMessage(t, token) + ")",
                        CognitoErrors.sanitized(t, token));
            case LOCAL ->
                new CredentialsUnavailableException(
                        service + " did not issue credentials for tenant '" + tenant + "' within " + timeout + ": "
                                + CognitoErrors.clean(t.getMessage(), token) + "; retry later",
                        null);
            case FAILED ->
                new CredentialsUnavailableException(
                        service + " did not issue credentials for tenant '" + tenant + "' ("
                                + CognitoErrors.causeOf(t) + ": " + CognitoErrors.safeMessage(t, token)
                                + ") and no valid credentials are cached; retry later",
                        CognitoErrors.sanitized(t, token));
        };
    }

    /** @return the failure of a caller whose wait outlasted the exchange timeout */
    static CredentialsUnavailableException timedOut(String tenant, Duration timeout, String service) {
        return new CredentialsUnavailableException(
                service + " did not issue credentials for tenant '" + tenant + "' within " + timeout
                        + " (Timeout); retry later",
                null);
    }

    /** @return the failure of a caller interrupted while it waited */
    static CredentialsUnavailableException interrupted(String tenant) {
        return new CredentialsUnavailableException(
                "Interrupted while waiting for credentials for tenant '" + tenant
                        + "'; the exchange goes on for other callers",
                null);
    }

    /**
     * The failure of an exchange, for one more caller.
     *
     * @param t the exchange's failure, unwrapped
     * @return a fresh exception of the same kind
     */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof InvalidTenantTokenException e) {
            return copyOf(e);
        }
        if (t instanceof CredentialsUnavailableException e) {
            return new CredentialsUnavailableException(messageOf(e), e.getCause());
        }
        if (t instanceof IllegalStateException) {
            return closed();
        }
        return new CredentialsUnavailableException(
                "Credentials exchange failed (" + CognitoErrors.causeOf(t) + ")", null);
    }

    /**
     * The last failure, for a caller inside the backoff.
     *
     * @param failure the last exchange's failure, if remembered
     * @param service the source's service name, for messages
     * @return a fresh exception of the same kind
     */
    static RuntimeException copyOfFailure(@Nullable RuntimeException failure, String service) {
        if (failure instanceof InvalidTenantTokenException e) {
            return copyOf(e);
        }
        return new CredentialsUnavailableException(
                failure == null ? service + " failed; retry later" : messageOf(failure),
                failure == null ? null : failure.getCause());
    }

    /** A fresh exception per caller, so each has its own stack trace; the message is the same. */
    static InvalidTenantTokenException copyOf(InvalidTenantTokenException e) {
        return new InvalidTenantTokenException(e.reason(), messageOf(e), e.getCause());
    }

    /** The library's own exceptions always have a message; the empty text stands in for a missing one. */
    private static String messageOf(Throwable t) {
        String message = t.getMessage();
        return message == null ? "" : message;
    }
}
