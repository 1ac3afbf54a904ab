/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.internal.CognitoNames;
import dev.tenantclient.internal.JwksKeys;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link TokenVerifier}: a token must carry an RS256 signature by one of the user pool's keys, as
 * published in its JWKS document ({@code https://cognito-idp.<region>.amazonaws.com/<userPoolId>/.well-known/jwks.json}).
 * Built on Nimbus JOSE+JWT ({@code DefaultJWTProcessor} with a key selector for RS256 only).
 *
 * <p>Refused with {@link InvalidTenantTokenException} ({@link InvalidTenantTokenException.Reason#REJECTED}): an
 * unsigned token ({@code alg: none}), any algorithm but RS256 (such as HS256 keyed with the public key), a header
 * without a key id, a key id that is not in the JWKS, a signature that does not verify (a changed payload, another
 * key). The claims ({@code exp}, {@code iss}, {@code aud}, {@code token_use}, the tenant) are checked by the client
 * before the signature, without network.
 *
 * <p>The keys are read on first use and cached for {@link Builder#cacheLifetime(Duration) cacheLifetime}
 * (default {@value #DEFAULT_CACHE_LIFETIME_MINUTES} minutes). A token naming a key id the cache does not hold makes
 * the verifier read the JWKS again (a key rotation is picked up at once), but never more than once per
 * {@link Builder#minimumRefreshInterval(Duration) minimumRefreshInterval} (default
 * {@value #DEFAULT_MINIMUM_REFRESH_INTERVAL_SECONDS} s), whatever key ids forged tokens make up; concurrent callers
 * share one read.
 *
 * <p>Fails closed: when the JWKS cannot be read and no keys are held (or those held could not be renewed for a second
 * cache lifetime), every token is refused with {@link CredentialsUnavailableException}: retryable, nothing is wrong
 * with the token (a web layer answers 503, not 401). Keys already read keep verifying through a shorter outage.
 *
 * <p>Thread-safe; holds no threads or connections, so it needs no closing.
 */
public final class JwksTokenVerifier implements TokenVerifier {

    /** The default cache lifetime, in minutes. */
    public static final long DEFAULT_CACHE_LIFETIME_MINUTES = 15;
    /** The default least time between two reads of the JWKS, in seconds. */
    public static final long DEFAULT_MINIMUM_REFRESH_INTERVAL_SECONDS = 10;
    /** The default connect and read timeout of one read of the JWKS, in seconds. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 5;

    private final JwksKeys keys;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    private JwksTokenVerifier(Builder b, URI jwksUrl) {
        this.keys = new JwksKeys(jwksUrl, b.cacheLifetime, b.minimumRefreshInterval, b.timeout, b.clock);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // Claims are the client's business (IdToken, with its own messages and clock); this checks the signature.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A verifier for a Cognito user pool's tokens, with the default settings.
     *
     * @param userPoolId such as {@code eu-west-1_AbCdEf123}
     * @return the verifier
     */
    public static JwksTokenVerifier forUserPool(String userPoolId) {
        return builder().userPoolId(userPoolId).build();
    }

    /**
     * The JWKS document this verifier reads.
     *
     * @return its URL
     */
    public URI jwksUrl() {
        return keys.uri();
    }

    @Override
    public void verify(String idToken) {
        if (idToken == null) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token is null");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(idToken);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTenantTokenException(
                    Reason.REJECTED,
                    isUnsigned(idToken)
                            ? "ID token is unsigned (alg 'none'); only RS256 signatures by the user pool's keys are"
                                    + " accepted"
                            : "ID token is not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
            throw new InvalidTenantTokenException(
                    Reason.REJECTED,
                    "ID token is signed with '"
                            + printable(header.getAlgorithm().getName())
                            + "'; only RS256 signatures by the user pool's keys are accepted");
        }
        String keyId = header.getKeyID();
        if (keyId == null) {
            throw new InvalidTenantTokenException(
                    Reason.REJECTED, "ID token header names no signing key ('kid'); Cognito always names one");
        }
        try {
            processor.process(jwt, null);
        } catch (KeySourceException e) {
            throw new CredentialsUnavailableException(String.valueOf(e.getMessage()), e);
        } catch (BadJWSException e) {
            throw new InvalidTenantTokenException(
                    Reason.REJECTED,
                    "ID token signature does not verify with the user pool's key '" + printable(keyId)
                            + "': the token was altered or signed by someone else");
        } catch (BadJOSEException e) {
            throw new InvalidTenantTokenException(
                    Reason.REJECTED,
                    "ID token is signed with key '" + printable(keyId) + "', which is not one of the user pool's keys"
                            + " (" + keys.uri() + ")");
        } catch (JOSEException | RuntimeException e) {
            throw new InvalidTenantTokenException(Reason.REJECTED, "ID token signature could not be verified");
        }
    }

    private static boolean isUnsigned(String token) {
        int dot = token.indexOf('.');
        try {
            String header = new Base64URL(dot < 0 ? token : token.substring(0, dot)).decodeToString();
            return Algorithm.NONE.equals(Header.parseAlgorithm(JSONObjectUtils.parse(header)));
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    /** Header values are attacker-chosen: short, printable ASCII only in messages. */
    private static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    @Override
    public String toString() {
        return "JwksTokenVerifier{" + keys.uri() + "}";
    }

    /** Configures a {@link JwksTokenVerifier}: a user pool id or a JWKS URL is required. Not thread-safe. */
    public static final class Builder {
        private @Nullable String userPoolId;
        private @Nullable URI jwksUrl;
        private Duration cacheLifetime = Duration.ofMinutes(DEFAULT_CACHE_LIFETIME_MINUTES);
        private Duration minimumRefreshInterval = Duration.ofSeconds(DEFAULT_MINIMUM_REFRESH_INTERVAL_SECONDS);
        private Duration timeout = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The user pool whose keys sign the tokens: the JWKS is read from
         * {@code https://cognito-idp.<region>.amazonaws.com/<userPoolId>/.well-known/jwks.json}.
         *
         * @param userPoolId such as {@code eu-west-1_AbCdEf123}
         * @return this builder
         */
        public Builder userPoolId(String userPoolId) {
            Objects.requireNonNull(userPoolId, "userPoolId");
            if (!CognitoNames.USER_POOL_ID.matcher(userPoolId).matches()) {
                throw new IllegalArgumentException(
                        "userPoolId '" + userPoolId + "' is not a user pool id ('<region>_<id>')");
            }
            this.userPoolId = userPoolId;
            return this;
        }

        /**
         * Where to read the JWKS instead of the user pool's public URL: a local stack, a proxy or a mirror. Wins over
         * the URL {@link #userPoolId(String)} derives.
         *
         * @param jwksUrl an http(s) URL serving a JWKS document
         * @return this builder
         */
        public Builder jwksUrl(URI jwksUrl) {
            Objects.requireNonNull(jwksUrl, "jwksUrl");
            String scheme = jwksUrl.getScheme();
            if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("jwksUrl '" + jwksUrl + "' is not an http(s) URL");
            }
            this.jwksUrl = jwksUrl;
            return this;
        }

        /**
         * How long keys read are used before the JWKS is read again. Default
         * 15 minutes.
         *
         * @param cacheLifetime a positive duration
         * @return this builder
         */
        public Builder cacheLifetime(Duration cacheLifetime) {
            this.cacheLifetime = positive(cacheLifetime, "cacheLifetime");
            return this;
        }

        /**
         * The least time between two reads of the JWKS, however many tokens name unknown keys. Default
         * 10 seconds.
         *
         * @param minimumRefreshInterval zero or more
         * @return this builder
         */
        public Builder minimumRefreshInterval(Duration minimumRefreshInterval) {
            Objects.requireNonNull(minimumRefreshInterval, "minimumRefreshInterval");
            if (minimumRefreshInterval.isNegative()) {
                throw new IllegalArgumentException(
                        "minimumRefreshInterval must not be negative, was " + minimumRefreshInterval);
            }
            this.minimumRefreshInterval = minimumRefreshInterval;
            return this;
        }

        /**
         * The connect and the read timeout of one read of the JWKS. Default 5 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * The time source for the cache and the rate limit. Default: the system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the verifier; no key is read until the first token.
         *
         * @return the verifier
         * @throws IllegalStateException when neither a user pool id nor a JWKS URL is set
         */
        public JwksTokenVerifier build() {
            URI url = jwksUrl;
            if (url == null) {
                if (userPoolId == null) {
                    throw new IllegalStateException(
                            "userPoolId or jwksUrl is required: where the user pool's signing keys are published");
                }
                url = URI.create("https://" + CognitoNames.loginProvider(userPoolId) + "/.well-known/jwks.json");
            }
            if (cacheLifetime.compareTo(minimumRefreshInterval) < 0) {
                throw new IllegalStateException("cacheLifetime (" + cacheLifetime
                        + ") must not be shorter than minimumRefreshInterval (" + minimumRefreshInterval + ")");
            }
            return new JwksTokenVerifier(this, url);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
