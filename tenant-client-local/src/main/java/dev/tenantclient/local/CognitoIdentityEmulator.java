/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.tenantclient.local.internal.AnsweringServer;
import dev.tenantclient.local.internal.AwsJsonResponses;
import dev.tenantclient.local.internal.IamGateway;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An Amazon Cognito Identity emulator on WireMock that speaks the service's real AWS JSON 1.1 protocol
 * ({@code POST /}, {@code X-Amz-Target: AWSCognitoIdentityService.<Operation>}, errors as
 * {@code {"__type": ..., "message": ...}}), so the SDK's own {@code CognitoIdentityClient} talks to it unchanged.
 *
 * <p>It implements the enhanced (simplified) authflow of one identity pool with one user-pool provider:
 * {@code GetId} and {@code GetCredentialsForIdentity}; and the pool's control plane: {@code DescribeIdentityPool},
 * {@code GetIdentityPoolRoles}, {@code GetPrincipalTagAttributeMap} and {@code SetPrincipalTagAttributeMap}. Both read
 * the same pool configuration, which {@link LocalDeployment} changes too: a principal-tag map set through the control
 * plane is the map the next credentials are tagged with, and is what {@code TenantDoctor} reads. Like the real service it verifies each login token's
 * signature, issuer, audience, {@code token_use} and expiry, answers {@code NotAuthorizedException} otherwise,
 * returns one stable identity id per user, and issues temporary credentials whose session carries principal tags
 * mapped from the token's claims. It remembers every issued session, so the IAM gateway can verify signatures
 * and evaluate policies with the same tags.
 *
 * <p>Tests count calls ({@link #getIdCalls()}, {@link #getCredentialsCalls()}) and make it misbehave through the
 * stack's {@link Faults} (operations {@code cognito-identity:GetId}, {@code cognito-identity:GetCredentialsForIdentity},
 * ...). Nothing here logs a token, secret key or session token. Thread-safe.
 */
public final class CognitoIdentityEmulator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "AWSCognitoIdentityService.";
    private static final String ACCOUNT = "000000000000";
    private static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/" + LocalDeployment.ROLE_NAME;
    private static final char[] KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final String region;
    private final String identityPoolId;
    private final String clientId;
    private final IdentityPool pool;
    private final Faults faults;
    private final Duration credentialsLifetime;
    private final Clock clock;
    private final LocalTokenIssuer issuer;
    private final WireMockServer server;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, IamGateway.Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, IssuedCredentials> issued = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> getIdBySubject = new ConcurrentHashMap<>();
    private final LongAdder getIdCalls = new LongAdder();
    private final LongAdder getCredentialsCalls = new LongAdder();
    private final AtomicLong faultsServed = new AtomicLong();
    private final LongAdder throttled = new LongAdder();

    /** The service name faults use: {@code cognito-identity:GetId} and so on. */
    public static final String SERVICE = "cognito-identity";

    /** Cognito's default {@code GetId} quota, requests per second per account and Region. */
    public static final double GET_ID_QUOTA = 25;
    /** Cognito's default {@code GetCredentialsForIdentity} quota, requests per second per account and Region. */
    public static final double GET_CREDENTIALS_QUOTA = 200;

    CognitoIdentityEmulator(
            String region,
            String identityPoolId,
            String clientId,
            Map<String, String> principalTags,
            Duration credentialsLifetime,
            Clock clock,
            LocalTokenIssuer issuer,
            Faults faults) {
        this.region = region;
        this.identityPoolId = identityPoolId;
        this.clientId = clientId;
        this.pool = new IdentityPool(principalTags);
        this.faults = faults;
        faults.register(SERVICE, java.util.EnumSet.allOf(dev.tenantclient.local.Fault.Kind.class));
        this.credentialsLifetime = credentialsLifetime;
        this.clock = clock;
        this.issuer = issuer;
        this.server = AnsweringServer.start(
                "cognito-identity-emulator",
                this::answer,
                o -> o.containerThreads(96).asynchronousResponseEnabled(true).asynchronousResponseThreads(16));
    }

    /**
     * The emulator's endpoint, for {@code CognitoIdentityClient.builder().endpointOverride(...)}.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /**
     * The identity pool this emulator serves.
     *
     * @return the identity pool id
     */
    public String identityPoolId() {
        return identityPoolId;
    }

    /**
     * The claim each principal tag is mapped from, as the identity pool's principal-tag attribute map is now
     * (Cognito's defaults, {@code username} from {@code sub} and {@code client} from {@code aud}, when the pool uses
     * them): the tags the next credentials carry.
     *
     * @return tag name to claim name
     */
    public Map<String, String> principalTagMap() {
        return pool.effectivePrincipalTags();
    }

    /** The identity pool's configuration, shared with {@link LocalDeployment}. */
    IdentityPool pool() {
        return pool;
    }

    /**
     * The identity id this pool gives a user: stable for the user, the same for every token.
     *
     * @param subject the user's {@code sub}
     * @return such as {@code us-east-1:2b5c...}
     */
    public String identityIdOf(String subject) {
        UUID id = UUID.nameUUIDFromBytes((identityPoolId + "|" + subject).getBytes(StandardCharsets.UTF_8));
        return region + ":" + id;
    }

    /**
     * {@code GetId} calls received, faulted ones included.
     *
     * @return the count since start or {@link #resetCounters()}
     */
    public long getIdCalls() {
        return getIdCalls.sum();
    }

    /**
     * {@code GetId} calls received for one user's tokens, faulted ones excluded.
     *
     * @param subject the user's {@code sub}
     * @return the count since start or {@link #resetCounters()}
     */
    public long getIdCalls(String subject) {
        LongAdder n = getIdBySubject.get(subject);
        return n == null ? 0 : n.sum();
    }

    /**
     * Distinct users that called {@code GetId} successfully.
     *
     * @return the count since start or {@link #resetCounters()}
     */
    public int getIdSubjects() {
        return getIdBySubject.size();
    }

    /**
     * {@code GetCredentialsForIdentity} calls received, faulted ones included.
     *
     * @return the count since start or {@link #resetCounters()}
     */
    public long getCredentialsCalls() {
        return getCredentialsCalls.sum();
    }

    /**
     * Calls answered with an injected fault.
     *
     * @return the count since start or {@link #resetCounters()}
     */
    public long faultsServed() {
        return faultsServed.get();
    }

    /**
     * Enforces request-rate quotas as Cognito does: a call above the rate is answered
     * {@code 400 TooManyRequestsException} ("Rate exceeded") in the AWS JSON 1.1 shape.
     *
     * <p>Delegates to the stack's one fault API; prefer it in new code: {@link Faults#quota(String, double)}: {@code stack.faults().quota("cognito-identity:GetId", n)}
     *
     * @param getIdPerSecond {@code GetId} calls per second; 0 turns the quota off
     * @param getCredentialsPerSecond {@code GetCredentialsForIdentity} calls per second; 0 turns the quota off
     */
    public void enforceQuotas(double getIdPerSecond, double getCredentialsPerSecond) {
        faults.quota(SERVICE + ":GetId", getIdPerSecond);
        faults.quota(SERVICE + ":GetCredentialsForIdentity", getCredentialsPerSecond);
    }

    /**
     * Calls answered {@code TooManyRequestsException} because of a quota (injected throttling faults excluded).
     *
     * @return the count since start or {@link #resetCounters()}
     */
    public long throttledCalls() {
        return throttled.sum();
    }

    /** Sets every call counter to zero. */
    public void resetCounters() {
        throttled.reset();
        getIdCalls.reset();
        getCredentialsCalls.reset();
        getIdBySubject.clear();
        faultsServed.set(0);
    }

    /**
     * Answers the next {@code calls} calls (of either operation) with a fault, after any faults already queued.
     *
     * <p>Delegates to the stack's one fault API; prefer it in new code: {@link Faults#inject(dev.tenantclient.local.Fault)}:
     *     {@code stack.faults().inject(Fault.throttling().on("cognito-identity:*").times(calls))}
     *
     * @param fault what to answer
     * @param calls how many calls; at least 1
     */
    public void injectFault(Fault fault, int calls) {
        Objects.requireNonNull(fault, "fault");
        faults.inject(fault.fault
                .on(SERVICE + ":GetId", SERVICE + ":GetCredentialsForIdentity")
                .times(calls));
    }

    /**
     * Drops every queued fault (and quota) of the stack.
     *
     * <p>Delegates to the stack's one fault API; prefer it in new code: {@link Faults#clear()}
     *
     */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * What the emulator issued under an access key id: the identity and principal tags, never the secret.
     *
     * @param accessKeyId the access key id
     * @return the issued credentials' public facts, or empty for an unknown key
     */
    public Optional<IssuedCredentials> issued(String accessKeyId) {
        return Optional.ofNullable(issued.get(accessKeyId));
    }

    /**
     * Credentials issued so far.
     *
     * @return the count since start
     */
    public int issuedCount() {
        return issued.size();
    }

    /** The gateway's view of a session: its secret, expiry and tags. */
    Optional<IamGateway.Session> session(String accessKeyId) {
        return Optional.ofNullable(sessions.get(accessKeyId));
    }

    /** Every secret key and session token issued so far, for tests that prove none was logged. */
    java.util.List<String> secretsIssued() {
        return sessions.values().stream()
                .flatMap(s -> java.util.stream.Stream.of(s.secretAccessKey(), s.sessionToken()))
                .toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String toString() {
        return "CognitoIdentityEmulator{endpoint=" + endpoint() + ", identityPoolId=" + identityPoolId + "}";
    }

    // ---------------------------------------------------------------------------------------------- protocol

    private ResponseDefinition answer(Request request) {
        String target = Optional.ofNullable(request.getHeader("X-Amz-Target")).orElse("");
        String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
        if (operation.equals("GetId")) {
            getIdCalls.increment();
        } else if (operation.equals("GetCredentialsForIdentity")) {
            getCredentialsCalls.increment();
        }
        if (!faults.admit(SERVICE + ":" + operation)) {
            throttled.increment();
            return error(400, "TooManyRequestsException", "Rate exceeded");
        }
        dev.tenantclient.local.Fault fault = faults.next(SERVICE + ":" + operation);
        if (fault != null) {
            faultsServed.incrementAndGet();
            if (fault.kind() == dev.tenantclient.local.Fault.Kind.INCOMPLETE_ANSWER) {
                ObjectNode partial = JSON.createObjectNode();
                try {
                    partial.put(
                            "IdentityId",
                            JSON.readTree(request.getBodyAsString())
                                    .path("IdentityId")
                                    .asText());
                } catch (IOException e) {
                    partial.put("IdentityId", "unknown");
                }
                return ok(partial); // a 200 without Credentials
            }
            String errorType = fault.errorType();
            if (errorType == null) {
                return respond(fault.delay(), operation, request);
            }
            return error(fault.status(), errorType, Objects.requireNonNullElse(fault.message(), ""));
        }
        return respond(Duration.ZERO, operation, request);
    }

    private ResponseDefinition respond(Duration delay, String operation, Request request) {
        ResponseDefinition answer;
        try {
            JsonNode body = JSON.readTree(request.getBodyAsString());
            if (body == null || !body.isObject()) {
                answer = error(400, "SerializationException", "Request body is not a JSON object");
            } else if (!"POST".equals(request.getMethod().getName())) {
                answer = error(400, "UnknownOperationException", "Operations are POST requests");
            } else {
                answer = switch (operation) {
                    case "GetId" -> getId(body);
                    case "GetCredentialsForIdentity" -> getCredentialsForIdentity(body);
                    default -> controlPlane(operation, body);
                };
            }
        } catch (IOException e) {
            answer = error(400, "SerializationException", "Request body is not valid JSON");
        } catch (Rejection r) {
            answer = error(400, r.type, r.getMessage());
        }
        if (delay.isZero()) {
            return answer;
        }
        return ResponseDefinitionBuilder.like(answer)
                .withFixedDelay((int) delay.toMillis())
                .build();
    }

    /**
     * The identity pool's control plane, read and written by the same state the exchange uses: the operations
     * {@code TenantDoctor} calls, and {@code SetPrincipalTagAttributeMap}.
     */
    ResponseDefinition controlPlane(String operation, JsonNode body) {
        String poolId = body.path("IdentityPoolId").asText();
        if (!identityPoolId.equals(poolId)) {
            return error(400, "ResourceNotFoundException", "IdentityPool '" + poolId + "' not found.");
        }
        String provider = issuer.providerName();
        ObjectNode out = JSON.createObjectNode().put("IdentityPoolId", identityPoolId);
        switch (operation) {
            case "DescribeIdentityPool" -> {
                out.put("IdentityPoolName", "tenant-client-local")
                        .put("AllowUnauthenticatedIdentities", false)
                        .put("AllowClassicFlow", false);
                ObjectNode logins = out.putObject("SupportedLoginProviders");
                pool.otherProviders().forEach(logins::put);
                ArrayNode providers = out.putArray("CognitoIdentityProviders");
                if (pool.userPoolRegistered()) {
                    providers
                            .addObject()
                            .put("ProviderName", provider)
                            .put("ClientId", clientId)
                            .put("ServerSideTokenCheck", false);
                }
            }
            case "GetIdentityPoolRoles" -> {
                ObjectNode roles = out.putObject("Roles");
                if (pool.hasAuthenticatedRole()) {
                    roles.put("authenticated", ROLE_ARN);
                }
                String mapping = pool.roleMappingType();
                if (mapping != null) {
                    out.putObject("RoleMappings")
                            .putObject(provider)
                            .put("Type", mapping)
                            .put("AmbiguousRoleResolution", "Deny");
                }
            }
            case "GetPrincipalTagAttributeMap", "SetPrincipalTagAttributeMap" -> {
                if (!provider.equals(body.path("IdentityProviderName").asText())) {
                    return error(400, "ResourceNotFoundException", "Identity provider not found.");
                }
                if (operation.startsWith("Set")) {
                    Map<String, String> map = new LinkedHashMap<>();
                    body.path("PrincipalTags")
                            .properties()
                            .forEach(e -> map.put(e.getKey(), e.getValue().asText()));
                    pool.principalTags(map, body.path("UseDefaults").asBoolean(false));
                }
                boolean defaults = pool.usesDefaultPrincipalTags();
                out.put("IdentityProviderName", provider).put("UseDefaults", defaults);
                ObjectNode tags = out.putObject("PrincipalTags");
                if (!defaults) {
                    pool.principalTagMap().forEach(tags::put);
                }
            }
            default -> {
                return error(
                        400,
                        "UnknownOperationException",
                        "The emulator implements GetId, GetCredentialsForIdentity, DescribeIdentityPool, "
                                + "GetIdentityPoolRoles and Get/SetPrincipalTagAttributeMap, not '" + operation + "'");
            }
        }
        return ok(out);
    }

    private ResponseDefinition getId(JsonNode body) {
        requirePool(body.path("IdentityPoolId").asText(null));
        JsonNode claims = verifiedLogin(body.path("Logins"));
        String subject = claims.path("sub").asText();
        getIdBySubject.computeIfAbsent(subject, s -> new LongAdder()).increment();
        return ok(JSON.createObjectNode().put("IdentityId", identityIdOf(subject)));
    }

    private ResponseDefinition getCredentialsForIdentity(JsonNode body) {
        String identityId = body.path("IdentityId").asText(null);
        if (identityId == null || !identityId.startsWith(region + ":")) {
            throw new Rejection(
                    "InvalidParameterException",
                    "1 validation error detected: Value at 'identityId' "
                            + "failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+");
        }
        JsonNode claims = verifiedLogin(body.path("Logins"));
        String subject = claims.path("sub").asText();
        if (!identityId.equals(identityIdOf(subject))) {
            throw new Rejection(
                    "NotAuthorizedException",
                    "Logins don't match. Please include at least one valid login for this identity or identity pool.");
        }
        if (!pool.hasAuthenticatedRole()) {
            throw new Rejection(
                    "InvalidIdentityPoolConfigurationException",
                    "Invalid identity pool configuration. Check assigned IAM roles for this pool.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        pool.effectivePrincipalTags().forEach((tag, claim) -> {
            JsonNode value = claims.get(claim);
            if (value != null && value.isValueNode() && !value.asText().isEmpty()) {
                tags.put(tag, value.asText());
            }
        });
        requireValidSessionTags(tags);
        Instant expiration = clock.instant().plus(credentialsLifetime);
        String accessKeyId = "ASIA" + randomKey(16);
        String secret = randomBase64(30);
        String sessionToken = "IQoJb3JpZ2luX2VjE" + randomBase64(600);
        String principal = "arn:aws:sts::" + ACCOUNT + ":assumed-role/TenantClientLocalRole/CognitoIdentityCredentials";
        sessions.put(
                accessKeyId, new IamGateway.Session(secret, sessionToken, expiration, Map.copyOf(tags), principal));
        issued.put(accessKeyId, new IssuedCredentials(identityId, subject, Map.copyOf(tags), expiration));
        ObjectNode out = JSON.createObjectNode().put("IdentityId", identityId);
        out.putObject("Credentials")
                .put("AccessKeyId", accessKeyId)
                .put("SecretKey", secret)
                .put("SessionToken", sessionToken)
                .put("Expiration", expiration.getEpochSecond());
        return ok(out);
    }

    /** STS session tags: the characters and lengths AWS accepts (keys 1-128, values up to 256 characters). */
    private static final java.util.regex.Pattern SESSION_TAG =
            java.util.regex.Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    /**
     * Cognito passes mapped claims to STS as session tags; a value STS would reject fails the exchange instead of
     * reaching a policy. The emulator answers as a parameter error, without echoing the value.
     */
    private static void requireValidSessionTags(Map<String, String> tags) {
        tags.forEach((key, value) -> {
            if (key.isEmpty()
                    || key.length() > 128
                    || value.length() > 256
                    || !SESSION_TAG.matcher(key).matches()
                    || !SESSION_TAG.matcher(value).matches()) {
                throw new Rejection(
                        "InvalidParameterException",
                        "The value of principal tag '" + key
                                + "' is not a valid session tag: tag values must be at most"
                                + " 256 characters of letters, numbers, spaces and _ . : / = + - @");
            }
        });
    }

    private void requirePool(String poolId) {
        if (poolId == null) {
            throw new Rejection(
                    "InvalidParameterException",
                    "1 validation error detected: Value null at 'identityPoolId' failed to satisfy constraint: "
                            + "Member must not be null");
        }
        if (!poolId.equals(identityPoolId)) {
            throw new Rejection("ResourceNotFoundException", "IdentityPool '" + poolId + "' not found.");
        }
    }

    private JsonNode verifiedLogin(JsonNode logins) {
        if (!logins.isObject() || logins.isEmpty()) {
            throw new Rejection(
                    "NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
        }
        JsonNode token = logins.get(issuer.providerName());
        if (token == null || logins.size() != 1 || !pool.userPoolRegistered()) {
            throw new Rejection(
                    "NotAuthorizedException",
                    "Invalid login token. Token is not from a supported provider of this identity pool.");
        }
        JsonNode claims = issuer.verifiedClaims(token.asText())
                .orElseThrow(() ->
                        new Rejection("NotAuthorizedException", "Invalid login token. Couldn't verify signed token."));
        if (!issuer.issuer().equals(claims.path("iss").asText())) {
            throw new Rejection("NotAuthorizedException", "Invalid login token. Issuer doesn't match providerName");
        }
        if (!clientId.equals(claims.path("aud").asText())) {
            throw new Rejection("NotAuthorizedException", "Invalid login token. Incorrect token audience.");
        }
        if (!"id".equals(claims.path("token_use").asText())) {
            throw new Rejection("NotAuthorizedException", "Invalid login token. Not an ID token.");
        }
        long exp = claims.path("exp").asLong(0);
        long now = clock.instant().getEpochSecond();
        if (exp <= now) {
            throw new Rejection("NotAuthorizedException", "Invalid login token. Token expired: " + now + " >= " + exp);
        }
        if (claims.path("sub").asText().isEmpty()) {
            throw new Rejection("NotAuthorizedException", "Invalid login token. Missing a required claim: sub");
        }
        return claims;
    }

    private static ResponseDefinition ok(JsonNode body) {
        return AwsJsonResponses.ok(body);
    }

    private static ResponseDefinition error(int status, String type, String message) {
        return AwsJsonResponses.error(status, type, message);
    }

    private String randomKey(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = KEY_CHARS[random.nextInt(KEY_CHARS.length)];
        }
        return new String(out);
    }

    private String randomBase64(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return java.util.Base64.getEncoder().encodeToString(raw);
    }

    private static final class Rejection extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String type;

        Rejection(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }

    /**
     * The public facts of issued credentials: whose they are, their principal tags and expiry. No secret.
     *
     * @param identityId the Cognito identity id
     * @param subject the user's {@code sub}
     * @param principalTags the session's principal tags
     * @param expiration when the credentials expire
     */
    public record IssuedCredentials(
            String identityId, String subject, Map<String, String> principalTags, Instant expiration) {}

    /**
     * A fault the emulator answers instead of the real answer: an error in the service's wire format, or the real
     * answer after a delay (longer than the client's timeout, it is a timeout).
     *
     * <p>Delegates to the stack's one fault API; prefer it in new code: {@link dev.tenantclient.local.Fault} with {@link Faults#inject(dev.tenantclient.local.Fault)}
     */
    public static final class Fault {
        final dev.tenantclient.local.Fault fault;

        private Fault(dev.tenantclient.local.Fault fault) {
            this.fault = fault;
        }

        /**
         * A successful answer that lacks its payload.
         *
         * @return an incomplete-answer fault
         */
        public static Fault incompleteAnswer() {
            return new Fault(dev.tenantclient.local.Fault.incompleteAnswer());
        }

        /**
         * Throttling, as Cognito answers above its request-rate quota.
         *
         * @return {@code 400 TooManyRequestsException}
         */
        public static Fault throttling() {
            return new Fault(dev.tenantclient.local.Fault.throttling());
        }

        /**
         * An internal error.
         *
         * @return {@code 500 InternalErrorException}
         */
        public static Fault internalError() {
            return new Fault(dev.tenantclient.local.Fault.internalError());
        }

        /**
         * The service unavailable.
         *
         * @return {@code 503 ServiceUnavailableException}
         */
        public static Fault serviceUnavailable() {
            return new Fault(dev.tenantclient.local.Fault.serviceUnavailable());
        }

        /**
         * Any error in Cognito Identity's wire format.
         *
         * @param status the HTTP status
         * @param errorType the {@code __type}
         * @param message the message
         * @return an error fault
         */
        public static Fault error(int status, String errorType, String message) {
            return new Fault(dev.tenantclient.local.Fault.error(status, errorType, message));
        }

        /**
         * The correct answer, late.
         *
         * @param delay how late
         * @return a delay fault
         */
        public static Fault delay(Duration delay) {
            return new Fault(dev.tenantclient.local.Fault.delay(delay));
        }

        @Override
        public String toString() {
            return fault.toString();
        }
    }
}
