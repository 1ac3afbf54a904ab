/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.credentials;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

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
 *       <td>tokens kept at most; approximate under concurrent writers (Caffeine evicts asynchronously of the write
 *       that overflows; 1.49&times; was measured with 8 writers at 1,000); Caffeine's W-TinyLFU picks the victim
 *       (frequency and recency), not pure LRU: see the README's "Eviction" note for the trade-off</td></tr>
 *   <tr><td>{@link Builder#maxConcurrentExchanges(int) maxConcurrentExchanges}</td><td>16</td>
 *       <td>Cognito exchanges in flight at once across all tokens; also the thread count of the default
 *       exchange executor</td></tr>
 *   <tr><td>{@link Builder#cognitoRateLimits(double, double) cognitoRateLimits}</td><td>25/s, 200/s</td>
 *       <td>{@code GetId} and {@code GetCredentialsForIdentity} calls per second at most, Cognito's default
 *       quotas per account and Region; callers queue for a turn in arrival order within their deadline</td></tr>
 *   <tr><td>{@link Builder#executor(Executor) executor}</td><td>bounded pool</td>
 *       <td>runs every exchange (foreground and refresh); default: {@code maxConcurrentExchanges} daemon threads,
 *       closed with the client; at most 100 refreshes are queued, more wait for a later call</td></tr>
 *   <tr><td>{@link Builder#identityIdStore(IdentityIdStore) identityIdStore}</td><td>in memory</td>
 *       <td>where identity ids are kept, so {@code GetId} is called once per user (share one across a fleet
 *       with {@link DynamoDbIdentityIdStore})</td></tr>
 *   <tr><td>{@link Builder#exchangeTimeout(Duration) exchangeTimeout}</td><td>10 seconds</td>
 *       <td>longest a caller waits for credentials, all included: its queue turn, the exchange slot, the rate
 *       limits, {@code GetId} and {@code GetCredentialsForIdentity} share this one deadline</td></tr>
 *   <tr><td>{@link Builder#retryBackoff(Duration, Duration) retryBackoff}</td><td>1 s to 60 s</td>
 *       <td>after a failed exchange (background or foreground), wait a jittered, doubling delay within these
 *       bounds; a caller with nothing servable gets the last failure at once while the delay outlasts its
 *       deadline, and waits for it otherwise</td></tr>
 *   <tr><td>{@link Builder#listener(CredentialsListener) listener}</td><td>none</td>
 *       <td>receives exchange and failure events, for metrics</td></tr>
 * </table>
 *
 * <p>{@link Builder#build()} refuses a {@code minimumValidity} that is not below {@code refreshAhead}: refreshing
 * would then start only after the credentials stopped being served, which silently disables both refresh-ahead and
 * serving cached credentials while Cognito fails. Against credentials that live shorter than
 * {@code refreshAhead}, the cache refreshes half-way through their servable life (and logs a WARN once).
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
    private final double getIdRate;
    private final double getCredentialsRate;
    private final @Nullable Executor executor;
    private final IdentityIdStore identityIdStore;

    private CredentialsSettings(Builder b) {
        this.refreshAhead = b.refreshAhead;
        this.minimumValidity = b.minimumValidity;
        this.maximumTokens = b.maximumTokens;
        this.maxConcurrentExchanges = b.maxConcurrentExchanges;
        this.exchangeTimeout = b.exchangeTimeout;
        this.minBackoff = b.minBackoff;
        this.maxBackoff = b.maxBackoff;
        this.listener = b.listener;
        this.getIdRate = b.getIdRate;
        this.getCredentialsRate = b.getCredentialsRate;
        this.executor = b.executor;
        this.identityIdStore = b.identityIdStore != null
                ? b.identityIdStore
                : IdentityIdStore.inMemory(Math.max(1_000, maximumTokens));
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
        b.getIdRate = getIdRate;
        b.getCredentialsRate = getCredentialsRate;
        b.executor = executor;
        b.identityIdStore = identityIdStore;
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

    /** @return {@code GetId} calls per second at most; 0 for no limit */
    public double getIdRate() {
        return getIdRate;
    }

    /** @return {@code GetCredentialsForIdentity} calls per second at most; 0 for no limit */
    public double getCredentialsRate() {
        return getCredentialsRate;
    }

    /** @return the executor exchanges run on, or null for the default bounded one */
    public @Nullable Executor executor() {
        return executor;
    }

    /** @return where identity ids are kept */
    public IdentityIdStore identityIdStore() {
        return identityIdStore;
    }

    @Override
    public String toString() {
        return "CredentialsSettings{refreshAhead=" + refreshAhead + ", minimumValidity=" + minimumValidity
                + ", maximumTokens=" + maximumTokens + ", maxConcurrentExchanges=" + maxConcurrentExchanges
                + ", exchangeTimeout=" + exchangeTimeout + ", retryBackoff=" + minBackoff + ".." + maxBackoff
                + ", cognitoRateLimits=" + getIdRate + "/" + getCredentialsRate + "}";
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
        private double getIdRate = 25;
        private double getCredentialsRate = 200;
        private @Nullable Executor executor;
        private @Nullable IdentityIdStore identityIdStore;

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
         * Caps this client's calls per second to each Cognito operation. The defaults are Cognito's default quotas
         * (per account and Region): in a fleet of N instances sharing one account, give each {@code quota / N}.
         * Callers wait for a turn in arrival order within their deadline; a caller whose turn would come too late
         * fails at once with {@code CredentialsUnavailableException} (nothing is sent).
         *
         * @param getIdPerSecond {@code GetId} calls per second; 0 for no limit
         * @param getCredentialsPerSecond {@code GetCredentialsForIdentity} calls per second; 0 for no limit
         * @return this builder
         */
        public Builder cognitoRateLimits(double getIdPerSecond, double getCredentialsPerSecond) {
            if (!(getIdPerSecond >= 0)
                    || !(getCredentialsPerSecond >= 0)
                    || Double.isInfinite(getIdPerSecond)
                    || Double.isInfinite(getCredentialsPerSecond)) {
                throw new IllegalArgumentException("cognitoRateLimits must be finite and zero or positive, was "
                        + getIdPerSecond + "/" + getCredentialsPerSecond);
            }
            this.getIdRate = getIdPerSecond;
            this.getCredentialsRate = getCredentialsPerSecond;
            return this;
        }

        /**
         * The executor every exchange runs on (foreground and background). Default: a pool of
         * {@code maxConcurrentExchanges} daemon threads owned and shut down by the client. An executor given here
         * is not shut down by the client; bound it (the cache never submits more than one exchange per token, at
         * most 100 queued refreshes, and never blocks on a rejected submission: a refused refresh is retried
         * later, a refused foreground exchange fails that call). It must run tasks on threads of its own, never
         * on the submitting thread (a caller-runs executor would make callers wait past their deadline).
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Where identity ids are kept. Default: {@link IdentityIdStore#inMemory(long)}, sized to
         * {@code max(1000, maximumTokens)}. Share a {@link DynamoDbIdentityIdStore} across a fleet so restarts and
         * new instances do not call {@code GetId} again.
         *
         * @param store the store
         * @return this builder
         */
        public Builder identityIdStore(IdentityIdStore store) {
            this.identityIdStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException when {@code minimumValidity} is not below {@code refreshAhead}
         */
        public CredentialsSettings build() {
            if (minimumValidity.compareTo(refreshAhead) >= 0) {
                throw new IllegalArgumentException("minimumValidity (" + minimumValidity + ") must be below"
                        + " refreshAhead (" + refreshAhead + "): otherwise a refresh starts only after the"
                        + " credentials stop being served, and nothing is served while Cognito fails");
            }
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
