/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user pool's signing keys, read from its JWKS document and cached: the {@link JWKSource} behind the default
 * token verifier.
 *
 * <ul>
 *   <li>The keys are read on first use and again once they are {@code cacheLifetime} old (one caller reads, the
 *       others keep using the keys held meanwhile).
 *   <li>A token naming a key the cache does not hold triggers a read, so that a key rotation is picked up at once;
 *       but at most one read (of any kind) happens per {@code minimumRefreshInterval}, so tokens with made-up key
 *       ids cannot turn into a flood of requests. Concurrent callers share one read.
 *   <li>Fails closed: when no keys could ever be read, or a failing endpoint has kept the keys from being renewed
 *       for a second {@code cacheLifetime}, {@link #get} throws {@link Unavailable} and no token verifies. Keys that
 *       were read keep verifying during a shorter outage (a user pool's keys are not revoked by an outage).
 * </ul>
 *
 * <p>Time comes from the injected clock, so tests drive the cache and the rate limit without waiting. Thread-safe.
 */
public final class JwksKeys implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(JwksKeys.class);

    /** Cognito's JWKS is well under 2 KB; a larger answer is not a JWKS document. */
    private static final int SIZE_LIMIT = 64 * 1024;

    private final URI uri;
    private final URL url;
    private final ResourceRetriever retriever;
    private final Clock clock;
    private final long lifetimeMillis;
    private final long minimumIntervalMillis;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile @Nullable Snapshot current;
    /** Guarded by {@link #lock}. */
    private long lastAttemptMillis;
    /** Guarded by {@link #lock}. */
    private boolean attempted;
    /** Guarded by {@link #lock}: why the last read failed, or null. */
    private @Nullable String lastFailure;

    /**
     * Creates the key source; nothing is read until the first token.
     *
     * @param uri the JWKS document's URL
     * @param cacheLifetime how long keys are used before they are read again
     * @param minimumRefreshInterval the least time between two reads
     * @param timeout connect and read timeout of one read
     * @param clock the time source
     */
    public JwksKeys(URI uri, Duration cacheLifetime, Duration minimumRefreshInterval, Duration timeout, Clock clock) {
        this.uri = uri;
        try {
            this.url = uri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("JWKS URL '" + uri + "' is not an http(s) URL", e);
        }
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.retriever = new DefaultResourceRetriever(timeoutMillis, timeoutMillis, SIZE_LIMIT);
        this.clock = clock;
        this.lifetimeMillis = cacheLifetime.toMillis();
        this.minimumIntervalMillis = minimumRefreshInterval.toMillis();
    }

    /** @return the JWKS document's URL */
    public URI uri() {
        return uri;
    }

    // `again != keys` is by identity: whether a read replaced the snapshot this caller used.
    @Override
    @SuppressWarnings("ReferenceEquality")
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        long now = clock.millis();
        Snapshot seen = current;
        Snapshot keys;
        if (seen == null || !seen.usableAt(now, lifetimeMillis)) {
            keys = refresh(seen, now);
        } else {
            keys = seen;
            if (now - seen.fetchedAtMillis >= lifetimeMillis && lock.tryLock()) {
                try {
                    keys = refreshLocked(seen, now);
                } finally {
                    lock.unlock();
                }
            }
        }
        List<JWK> found = selector.select(keys.keys);
        if (found.isEmpty()) {
            // An unknown key id: perhaps the pool rotated its keys. Read again, within the rate limit.
            Snapshot again = refresh(keys, now);
            if (again != keys) {
                found = selector.select(again.keys);
            }
        }
        return found;
    }

    private Snapshot refresh(@Nullable Snapshot seen, long now) throws Unavailable {
        lock.lock();
        try {
            return refreshLocked(seen, now);
        } finally {
            lock.unlock();
        }
    }

    // `cur != seen` is by identity: another caller replaced the snapshot this caller saw.
    @SuppressWarnings("ReferenceEquality")
    private Snapshot refreshLocked(@Nullable Snapshot seen, long now) throws Unavailable {
        Snapshot cur = current;
        if (cur != seen && cur != null && cur.usableAt(now, lifetimeMillis)) {
            return cur;
        }
        if (attempted && now - lastAttemptMillis < minimumIntervalMillis) {
            return usableOrFail(cur, now);
        }
        attempted = true;
        lastAttemptMillis = now;
        try {
            JWKSet keys = JWKSet.parse(retriever.retrieveResource(url).getContent());
            Snapshot fresh = new Snapshot(keys, now);
            current = fresh;
            if (cur == null || lastFailure != null) {
                log.info("Read {} signing key(s) of the user pool from {}", keys.size(), uri);
            } else {
                log.debug("Read {} signing key(s) of the user pool from {}", keys.size(), uri);
            }
            lastFailure = null;
            return fresh;
        } catch (IOException | ParseException | RuntimeException e) {
            lastFailure = e instanceof ParseException ? "the answer is not a JWKS document" : describe(e);
            Snapshot usable = cur != null && cur.usableAt(now, lifetimeMillis) ? cur : null;
            log.warn(
                    "Could not read the user pool's signing keys from {} ({}); {}",
                    uri,
                    lastFailure,
                    usable != null
                            ? "tokens keep being verified with the keys read before"
                            : "no token can be verified until they can be read");
            return usableOrFail(cur, now);
        }
    }

    private Snapshot usableOrFail(@Nullable Snapshot cur, long now) throws Unavailable {
        if (cur != null && cur.usableAt(now, lifetimeMillis)) {
            return cur;
        }
        throw new Unavailable("ID tokens cannot be verified: the user pool's signing keys could not be read from "
                + uri + (lastFailure != null ? " (" + lastFailure + ")" : "")
                + "; every token is refused until they can be. Retry later; check that this host reaches the JWKS"
                + " URL");
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return IdToken.printable(text);
    }

    @Override
    public String toString() {
        return "JwksKeys{" + uri + "}";
    }

    /** Keys as read, and when. */
    private record Snapshot(JWKSet keys, long fetchedAtMillis) {
        /** Keys serve for one lifetime, and for a second one while reading them again fails. */
        boolean usableAt(long nowMillis, long lifetimeMillis) {
            return nowMillis - fetchedAtMillis < 2 * lifetimeMillis;
        }
    }

    /** The signing keys cannot be read and none usable are held: no token can be verified. */
    public static final class Unavailable extends KeySourceException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }
}
