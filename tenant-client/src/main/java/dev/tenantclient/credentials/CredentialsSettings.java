/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.credentials;

import java.time.Duration;
import java.util.Objects;

/**
 * How the per-token credentials cache behaves. Immutable; build with {@link #builder()} or, on a
 * {@code TenantClient.Builder}, with {@code .credentials(c -> c.refreshAhead(Duration.ofMinutes(5)))}.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@link Builder#refreshAhead(Duration) refreshAhead}</td><td>5 minutes</td>
 *       <td>start a background refresh this long before the credentials expire</td></tr>
 *   <tr><td>{@link Builder#minimumValidity(Duration) minimumValidity}</td><td>30 seconds</td>
 *       <td>never hand out credentials that expire sooner than this (a request signed with them must still
 *       arrive in time)</td></tr>
 *   <tr><td>{@link Builder#maximumTokens(long) maximumTokens}</td><td>10,000</td>
 *       <td>tokens kept at most (least recently used are evicted first)</td></tr>
 *   <tr><td>{@link Builder#maxConcurrentExchanges(int) maxConcurrentExchanges}</td><td>16</td>
 *       <td>Cognito exchanges in flight at once across all tokens, so a mass expiry does not trip Cognito's
 *       request quota (GetId 25/s, GetCredentialsForIdentity 200/s by default)</td></tr>
 *   <tr><td>{@link Builder#exchangeTimeout(Duration) exchangeTimeout}</td><td>10 seconds</td>
 *       <td>longest a caller waits for an exchange (including for a slot under the concurrency cap)</td></tr>
 *   <tr><td>{@link Builder#retryBackoff(Duration, Duration) retryBackoff}</td><td>1 s to 60 s</td>
 *       <td>after a failed background refresh, wait a jittered, doubling delay within these bounds</td></tr>
 *   <tr><td>{@link Builder#listener(CredentialsListener) listener}</td><td>none</td>
 *       <td>receives exchange and failure events, for metrics</td></tr>
 * </table>
 */
public final class CredentialsSettings {

    private static final CredentialsSettings DEFAULTS = builder().build();

    private final Duration refreshAhead;
    private final Duration minimumValidity;
    private final long maximumTokens;
    private final int maxConcurrentExchanges;
    private final Duration exchangeTimeout;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final CredentialsListener listener;

    private CredentialsSettings(Builder b) {
        this.refreshAhead = b.refreshAhead;
        this.minimumValidity = b.minimumValidity;
        this.maximumTokens = b.maximumTokens;
        this.maxConcurrentExchanges = b.maxConcurrentExchanges;
        this.exchangeTimeout = b.exchangeTimeout;
        this.minBackoff = b.minBackoff;
        this.maxBackoff = b.maxBackoff;
        this.listener = b.listener;
    }

    /**
     * The defaults listed above.
     *
     * @return default settings
     */
    public static CredentialsSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.refreshAhead = refreshAhead;
        b.minimumValidity = minimumValidity;
        b.maximumTokens = maximumTokens;
        b.maxConcurrentExchanges = maxConcurrentExchanges;
        b.exchangeTimeout = exchangeTimeout;
        b.minBackoff = minBackoff;
        b.maxBackoff = maxBackoff;
        b.listener = listener;
        return b;
    }

    /** @return how long before expiry a background refresh starts */
    public Duration refreshAhead() {
        return refreshAhead;
    }

    /** @return the least remaining lifetime of credentials handed out */
    public Duration minimumValidity() {
        return minimumValidity;
    }

    /** @return the most tokens cached */
    public long maximumTokens() {
        return maximumTokens;
    }

    /** @return the most Cognito exchanges in flight at once */
    public int maxConcurrentExchanges() {
        return maxConcurrentExchanges;
    }

    /** @return the longest a caller waits for an exchange */
    public Duration exchangeTimeout() {
        return exchangeTimeout;
    }

    /** @return the first delay after a failed refresh */
    public Duration minBackoff() {
        return minBackoff;
    }

    /** @return the longest delay after repeated failed refreshes */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** @return the event listener (a no-op one when none was set) */
    public CredentialsListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "CredentialsSettings{refreshAhead=" + refreshAhead + ", minimumValidity=" + minimumValidity
                + ", maximumTokens=" + maximumTokens + ", maxConcurrentExchanges=" + maxConcurrentExchanges
                + ", exchangeTimeout=" + exchangeTimeout + ", retryBackoff=" + minBackoff + ".." + maxBackoff + "}";
    }

    /** Builds {@link CredentialsSettings}. Not thread-safe. */
    public static final class Builder {
        private Duration refreshAhead = Duration.ofMinutes(5);
        private Duration minimumValidity = Duration.ofSeconds(30);
        private long maximumTokens = 10_000;
        private int maxConcurrentExchanges = 16;
        private Duration exchangeTimeout = Duration.ofSeconds(10);
        private Duration minBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(1);
        private CredentialsListener listener = CredentialsListener.NONE;

        private Builder() {}

        /**
         * Starts a background refresh this long before the credentials expire; callers keep the current
         * credentials meanwhile.
         *
         * @param refreshAhead zero or positive, under one hour (Cognito's credentials last one hour)
         * @return this builder
         */
        public Builder refreshAhead(Duration refreshAhead) {
            this.refreshAhead = nonNegative("refreshAhead", refreshAhead);
            if (refreshAhead.compareTo(Duration.ofHours(1)) >= 0) {
                throw new IllegalArgumentException(
                        "refreshAhead " + refreshAhead
                                + " is not below one hour, the lifetime of Cognito's credentials; it would refresh on every call");
            }
            return this;
        }

        /**
         * Never hands out credentials with less remaining lifetime than this.
         *
         * @param minimumValidity zero or positive
         * @return this builder
         */
        public Builder minimumValidity(Duration minimumValidity) {
            this.minimumValidity = nonNegative("minimumValidity", minimumValidity);
            return this;
        }

        /**
         * Bounds the number of cached tokens.
         *
         * @param maximumTokens at least 1
         * @return this builder
         */
        public Builder maximumTokens(long maximumTokens) {
            if (maximumTokens < 1) {
                throw new IllegalArgumentException("maximumTokens must be at least 1, was " + maximumTokens);
            }
            this.maximumTokens = maximumTokens;
            return this;
        }

        /**
         * Caps Cognito exchanges in flight at once, across all tokens.
         *
         * @param maxConcurrentExchanges at least 1
         * @return this builder
         */
        public Builder maxConcurrentExchanges(int maxConcurrentExchanges) {
            if (maxConcurrentExchanges < 1) {
                throw new IllegalArgumentException(
                        "maxConcurrentExchanges must be at least 1, was " + maxConcurrentExchanges);
            }
            this.maxConcurrentExchanges = maxConcurrentExchanges;
            return this;
        }

        /**
         * The longest a caller waits for credentials when none are cached.
         *
         * @param exchangeTimeout positive
         * @return this builder
         */
        public Builder exchangeTimeout(Duration exchangeTimeout) {
            this.exchangeTimeout = nonNegative("exchangeTimeout", exchangeTimeout);
            if (exchangeTimeout.isZero()) {
                throw new IllegalArgumentException("exchangeTimeout must be positive");
            }
            return this;
        }

        /**
         * Jittered exponential backoff between failed background refreshes.
         *
         * @param min the first delay, positive
         * @param max the longest delay, at least {@code min}
         * @return this builder
         */
        public Builder retryBackoff(Duration min, Duration max) {
            nonNegative("min backoff", min);
            nonNegative("max backoff", max);
            if (min.isZero() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("retryBackoff needs 0 < min <= max, was " + min + ".." + max);
            }
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /**
         * Receives exchange and failure events (for metrics). Called on the exchanging thread: keep it fast.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(CredentialsListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         */
        public CredentialsSettings build() {
            return new CredentialsSettings(this);
        }

        private static Duration nonNegative(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, was " + value);
            }
            return value;
        }
    }
}
