/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import dev.tenantclient.credentials.CognitoCredentialsCache;
import dev.tenantclient.credentials.CredentialsListener;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the world how an exchange ended: the statistics, the {@link CredentialsListener} and the log (WARN while
 * cached credentials are served despite a failure). Names the tenant, the cause and instants; never a token or a
 * secret.
 */
final class ExchangeReporter {

    private static final Logger log = LoggerFactory.getLogger(CognitoCredentialsCache.class);

    private final CredentialsCounters counters;
    private final CredentialsListener listener;
    private final String service;

    ExchangeReporter(CredentialsCounters counters, CredentialsListener listener, String service) {
        this.counters = counters;
        this.listener = listener;
        this.service = service;
    }

    /**
     * An exchange issued credentials.
     *
     * @param tenant the token's tenant (org)
     * @param issued the credentials
     * @param refresh whether it was a background refresh
     * @param latencyNanos how long it took
     */
    void succeeded(String tenant, Issued issued, boolean refresh, long latencyNanos) {
        counters.exchanged(refresh);
        listener.exchangeSucceeded(Duration.ofNanos(latencyNanos), refresh);
        log.debug(
                "Issued credentials for tenant '{}' (identity {}), expiring at {}{}",
                tenant,
                issued.identityId(),
                issued.credentials().expirationTime().orElse(null),
                refresh ? " (background refresh)" : "");
    }

    /**
     * An exchange failed.
     *
     * @param outcome how it ended
     * @param t the unwrapped failure; null only for {@link Outcome#CLOSED}
     * @param tenant the token's tenant (org)
     * @param refresh whether it was a background refresh
     * @param servingUntil until when cached credentials keep being served despite the failure, null when none are
     * @param nextAttempt when the next attempt may start, null when not backed off
     */
    void failed(
            Outcome outcome,
            @Nullable Throwable t,
            String tenant,
            boolean refresh,
            @Nullable Instant servingUntil,
            @Nullable Instant nextAttempt) {
        if (t == null || outcome == Outcome.CLOSED) {
            return;
        }
        if (outcome == Outcome.LOCAL) {
            log.debug("Credentials exchange for tenant '{}' not attempted: {}", tenant, t.getMessage());
            return;
        }
        counters.failed();
        String cause = CognitoErrors.causeOf(t);
        listener.exchangeFailed(cause, refresh, servingUntil != null);
        if (t instanceof VirtualMachineError) {
            log.error("An Error ended a credentials exchange for tenant '{}': {}", tenant, cause);
        } else if (servingUntil != null) {
            log.warn(
                    "{} failed to refresh credentials for tenant '{}' ({}); serving cached"
                            + " credentials valid until {}; next attempt after {}",
                    service,
                    tenant,
                    cause,
                    servingUntil,
                    nextAttempt);
        } else {
            log.debug("{} exchange failed for tenant '{}' ({})", service, tenant, cause);
        }
    }
}
