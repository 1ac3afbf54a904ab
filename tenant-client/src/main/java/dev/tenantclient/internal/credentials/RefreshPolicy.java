/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * When fresh credentials stop being served and when their refresh starts: served until {@code minimumValidity}
 * before their expiry and never past the token's {@code exp}; refreshed {@code refreshAhead} before expiry, but never
 * in the first half of the servable life. The same for every {@link CredentialsSource}.
 */
final class RefreshPolicy {

    private static final Logger log = LoggerFactory.getLogger(RefreshPolicy.class);

    private final String issuer;
    private final Duration minimumValidity;
    private final Duration refreshAhead;
    private final Clock clock;
    private final AtomicBoolean warnedShortLived = new AtomicBoolean();

    /**
     * @param issuer who issues the credentials, for messages ({@code Cognito})
     * @param minimumValidity the least validity a caller gets
     * @param refreshAhead how long before expiry a refresh starts
     * @param clock the time source
     */
    RefreshPolicy(String issuer, Duration minimumValidity, Duration refreshAhead, Clock clock) {
        this.issuer = issuer;
        this.minimumValidity = minimumValidity;
        this.refreshAhead = refreshAhead;
        this.clock = clock;
    }

    /**
     * Credentials as issued, with the instants that decide when they are served and refreshed.
     *
     * @param credentials the credentials, with their expiration time
     * @param identityId the identity the credentials belong to
     * @param tokenExpiresAt the token's {@code exp}
     * @return the issued credentials
     * @throws SdkClientException when they would not be servable even now (they expire too soon)
     */
    Issued issued(AwsSessionCredentials credentials, String identityId, Instant tokenExpiresAt) {
        Instant now = clock.instant();
        Instant expiration = credentials
                .expirationTime()
                .orElseThrow(() -> SdkClientException.create(issuer + " issued credentials without an expiration"));
        Instant servableUntil = min(expiration.minus(minimumValidity), tokenExpiresAt);
        if (!now.isBefore(servableUntil)) {
            throw SdkClientException.create(issuer + " issued credentials that expire at " + expiration
                    + ", sooner than the minimum validity of " + minimumValidity);
        }
        // Refresh refreshAhead before expiry, but never in the first half of the servable life: credentials that
        // live shorter than refreshAhead (a pool or role with short sessions) would otherwise refresh on every call.
        Instant refreshAt = expiration.minus(refreshAhead);
        Instant halfway = now.plus(Duration.between(now, servableUntil).dividedBy(2));
        if (refreshAt.isBefore(halfway)) {
            if (servableUntil.equals(expiration.minus(minimumValidity))
                    && warnedShortLived.compareAndSet(false, true)) {
                log.warn(
                        "{} issued credentials that live {}, not more than refreshAhead ({}) allows for;"
                                + " refreshing them half-way through their servable life instead. Lower refreshAhead"
                                + " below the credentials' lifetime",
                        issuer,
                        Duration.between(now, expiration),
                        refreshAhead);
            }
            refreshAt = halfway;
        }
        return new Issued(credentials, identityId, servableUntil.toEpochMilli(), refreshAt.toEpochMilli());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
