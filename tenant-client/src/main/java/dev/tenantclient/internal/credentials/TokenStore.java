/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The entries by raw token, in Caffeine: bounded by {@code maximumTokens}, each leaving at its token's {@code exp}
 * (variable expiry on the injected clock, with a scheduler so expired tokens leave without waiting for another
 * write). Invalidation marks the entry too, so sessions still holding it stop serving credentials.
 */
final class TokenStore {

    private final Cache<String, TokenEntry> entries;

    TokenStore(long maximumTokens, Clock clock) {
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumTokens)
                .expireAfter(new UntilTokenExpiry(clock))
                .ticker(ticker)
                .scheduler(Scheduler.systemScheduler())
                .executor(Runnable::run)
                .build();
    }

    /**
     * The entry for a token, made on first sight (once, however many threads ask).
     *
     * @param token the raw token
     * @param make makes the entry; its exceptions reach the caller and nothing is cached
     * @return the entry
     */
    TokenEntry get(String token, Function<String, TokenEntry> make) {
        return entries.get(token, make);
    }

    /** Removes a token's entry and marks it invalidated. */
    void invalidate(String token) {
        TokenEntry entry = entries.getIfPresent(token);
        if (entry != null) {
            entry.invalidate();
        }
        entries.invalidate(token);
    }

    /** Removes and marks every entry. */
    void invalidateAll() {
        entries.asMap().values().forEach(TokenEntry::invalidate);
        entries.invalidateAll();
    }

    /** Removes every entry without marking them (on close, when the closed cache refuses them anyway). */
    void clear() {
        entries.invalidateAll();
    }

    /** @return the approximate number of entries */
    long estimatedSize() {
        return entries.estimatedSize();
    }

    /** Entries live until the token's {@code exp}: Expiry implemented directly, as Caffeine 3.1.8 offers it. */
    private static final class UntilTokenExpiry implements Expiry<String, TokenEntry> {
        private final Clock clock;

        UntilTokenExpiry(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(String key, TokenEntry value, long currentTime) {
            long millis = value.tokenExpiresAt().toEpochMilli() - clock.millis();
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        }

        @Override
        public long expireAfterUpdate(String key, TokenEntry value, long currentTime, long currentDuration) {
            return currentDuration;
        }

        @Override
        public long expireAfterRead(String key, TokenEntry value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
