/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tenantclient.local.Fault;
import dev.tenantclient.local.internal.SigV4Verifier.Secret;
import dev.tenantclient.local.internal.SigV4Verifier.SignatureException;
import dev.tenantclient.local.internal.SigV4Verifier.Signed;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IAM-enforcing reverse proxy in front of DynamoDB Local and the S3 server: it verifies each request's SigV4
 * signature with the secret the Cognito emulator issued, rejects expired sessions, evaluates the session's policy
 * for every authorization the request needs, and answers as the real service would when IAM denies. Allowed
 * requests are forwarded unchanged.
 */
public final class IamGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IamGateway.class);

    /** What the gateway knows of a credential: its secret, expiry and principal tags. */
    public record Session(
            String secretAccessKey,
            String sessionToken,
            Instant expiration,
            Map<String, String> principalTags,
            String principalArn) {
        @Override
        public String toString() {
            return "Session{principal=" + principalArn + ", tags=" + principalTags + ", expiration=" + expiration + "}";
        }
    }

    /** Looks up sessions by access key id. */
    @FunctionalInterface
    public interface Sessions {
        /**
         * @param accessKeyId the access key id from the request's credential scope
         * @return the session, or empty when the key is unknown
         */
        Optional<Session> find(String accessKeyId);
    }

    /** Decides one authorization for a session. */
    @FunctionalInterface
    public interface Authorizer {
        /**
         * @param request the action, resource and context keys
         * @param session the calling session (its principal tags resolve policy variables)
         * @return null when allowed, otherwise the reason for the denial
         */
        String deny(AuthorizationRequest request, Session session);
    }

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "transfer-encoding",
            "upgrade",
            "keep-alive",
            "te",
            "trailer",
            "proxy-connection",
            "date");

    private final Clock clock;
    private final Sessions sessions;
    private final Authorizer authorizer;
    private final SigV4Verifier verifier;
    private final String region;
    private final DynamoDbRequests dynamoRequests;
    private final BiFunction<String, String, Optional<String>> partitionKeys;
    private final URI dynamoUpstream;
    private final URI s3Upstream;
    private final HttpServer dynamoServer;
    private final HttpServer s3Server;
    private final ExecutorService executor;
    private final HttpClient http;
    private final LongAdder allowed = new LongAdder();
    private final LongAdder denied = new LongAdder();
    private final Function<String, @Nullable Fault> faults;

    /**
     * Starts a gateway on two loopback ports.
     *
     * @param clock the time source (signature windows, session expiry)
     * @param sessions credential lookup (the Cognito emulator's issued sessions, plus admin keys)
     * @param authorizer policy evaluation
     * @param region the region in ARNs
     * @param account the account in ARNs
     * @param dynamoUpstream DynamoDB Local's endpoint
     * @param s3Upstream the S3 server's endpoint
     * @param partitionKeys (table, index or null) to the partition key attribute, such as a {@link TableKeys}
     */
    public IamGateway(
            Clock clock,
            Sessions sessions,
            Authorizer authorizer,
            String region,
            String account,
            URI dynamoUpstream,
            URI s3Upstream,
            BiFunction<String, String, Optional<String>> partitionKeys) {
        this(clock, sessions, authorizer, region, account, dynamoUpstream, s3Upstream, partitionKeys, action -> null);
    }

    /**
     * Starts a gateway on two loopback ports that answers injected faults.
     *
     * @param clock the time source (signature windows, session expiry)
     * @param sessions credential lookup (the Cognito emulator's issued sessions, plus admin keys)
     * @param authorizer policy evaluation
     * @param region the region in ARNs
     * @param account the account in ARNs
     * @param dynamoUpstream DynamoDB Local's endpoint
     * @param s3Upstream the S3 server's endpoint
     * @param partitionKeys (table, index or null) to the partition key attribute, such as a {@link TableKeys}
     * @param faults the fault to answer a request with, by the IAM action of its first authorization (such as
     *     {@code s3:PutObject}), or null to forward it; only error kinds of {@link Fault} are answered
     */
    public IamGateway(
            Clock clock,
            Sessions sessions,
            Authorizer authorizer,
            String region,
            String account,
            URI dynamoUpstream,
            URI s3Upstream,
            BiFunction<String, String, Optional<String>> partitionKeys,
            Function<String, @Nullable Fault> faults) {
        this.faults = faults;
        this.clock = clock;
        this.sessions = sessions;
        this.authorizer = authorizer;
        this.verifier = new SigV4Verifier(clock);
        this.region = region;
        this.dynamoRequests = new DynamoDbRequests(region, account, partitionKeys);
        this.partitionKeys = partitionKeys;
        this.dynamoUpstream = dynamoUpstream;
        this.s3Upstream = s3Upstream;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "iam-gateway-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            this.dynamoServer = HttpServer.create(new InetSocketAddress(loopback, 0), 256);
            this.s3Server = HttpServer.create(new InetSocketAddress(loopback, 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the IAM gateway", e);
        }
        dynamoServer.createContext("/", ex -> handle(ex, true));
        s3Server.createContext("/", ex -> handle(ex, false));
        dynamoServer.setExecutor(executor);
        s3Server.setExecutor(executor);
        dynamoServer.start();
        s3Server.start();
    }

    /** @return the DynamoDB endpoint clients use */
    public URI dynamoDbEndpoint() {
        return URI.create("http://127.0.0.1:" + dynamoServer.getAddress().getPort());
    }

    /** @return the S3 endpoint clients use (path-style) */
    public URI s3Endpoint() {
        return URI.create("http://127.0.0.1:" + s3Server.getAddress().getPort());
    }

    /** @return requests allowed and forwarded so far */
    public long allowedCount() {
        return allowed.sum();
    }

    /** @return requests denied so far (signature, expiry or policy) */
    public long deniedCount() {
        return denied.sum();
    }

    private void handle(HttpExchange ex, boolean dynamo) throws IOException {
        try (ex) {
            byte[] body = readBody(ex.getRequestBody());
            Map<String, List<String>> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            String method = ex.getRequestMethod();
            String rawPath = ex.getRequestURI().getRawPath();
            String rawQuery = ex.getRequestURI().getRawQuery();

            Signed signed;
            Session[] found = new Session[1];
            try {
                signed = verifier.verify(
                        method,
                        rawPath,
                        rawQuery,
                        headers,
                        body,
                        key -> sessions.find(key).map(s -> {
                            found[0] = s;
                            return new Secret(s.secretAccessKey(), s.sessionToken());
                        }));
            } catch (SignatureException e) {
                denied.increment();
                log.debug("Denied {} {}: {}", method, rawPath, e.code());
                reject(ex, dynamo, method, e.code(), e.getMessage());
                return;
            }
            String scopeError = scopeError(signed, dynamo);
            if (scopeError != null) {
                denied.increment();
                reject(
                        ex,
                        dynamo,
                        method,
                        dynamo ? "SignatureDoesNotMatch" : "AuthorizationHeaderMalformed",
                        scopeError);
                return;
            }
            Session session = found[0];
            if (session.expiration() != null && !clock.instant().isBefore(session.expiration())) {
                denied.increment();
                reject(ex, dynamo, method, "ExpiredToken", "The security token included in the request is expired");
                return;
            }

            List<AuthorizationRequest> needed;
            String operation = null;
            try {
                if (dynamo) {
                    String target = first(headers, "x-amz-target");
                    operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
                    needed = dynamoRequests.authorizations(operation, body);
                } else {
                    needed = S3Requests.authorizations(
                            method, rawPath, SigV4Verifier.parseQuery(rawQuery), headers, body);
                }
            } catch (S3Requests.Unsupported | DynamoDbRequests.Unsupported e) {
                // fail closed: what the gateway cannot map to IAM actions is never forwarded
                denied.increment();
                log.debug("Refused {} {}: {}", method, rawPath, e.getMessage());
                reject(
                        ex,
                        dynamo,
                        method,
                        "AccessDenied",
                        "User: " + session.principalArn() + " is not authorized to perform this request: "
                                + e.getMessage());
                return;
            }
            for (AuthorizationRequest request : needed) {
                String reason = authorizer.deny(request, session);
                if (reason != null) {
                    denied.increment();
                    log.debug(
                            "Denied {} on {} for {}: {}",
                            request.action(),
                            request.resource(),
                            session.principalArn(),
                            reason);
                    String message = "User: " + session.principalArn() + " is not authorized to perform: "
                            + request.action() + " on resource: " + request.resource() + " because " + reason;
                    reject(ex, dynamo, method, "AccessDenied", message);
                    return;
                }
            }
            Fault fault = needed.isEmpty() ? null : faults.apply(needed.get(0).action());
            if (fault != null) {
                log.debug("Injected fault on {} {}", method, rawPath);
                sendFault(ex, dynamo, method, fault);
                return;
            }
            allowed.increment();
            if (dynamo
                    && partitionKeys instanceof TableKeys keys
                    && Set.of("CreateTable", "DeleteTable", "UpdateTable").contains(operation)) {
                keys.clear();
            }
            String query = dynamo ? rawQuery : wholeObjectAsPartOne(method, rawQuery);
            forward(
                    ex,
                    dynamo ? dynamoUpstream : s3Upstream,
                    method,
                    rawPath,
                    query,
                    headers,
                    body,
                    !Objects.equals(query, rawQuery));
        } catch (RuntimeException e) {
            log.warn(
                    "IAM gateway failed on {} {}",
                    ex.getRequestMethod(),
                    ex.getRequestURI().getRawPath(),
                    e);
            send(ex, 500, "text/plain", "gateway error: " + e.getClass().getSimpleName(), false);
        }
    }

    /** The supported kinds of faults, in DynamoDB's AWS JSON 1.0 or S3's XML error shape. */
    private static void sendFault(HttpExchange ex, boolean dynamo, String method, Fault fault) throws IOException {
        int status;
        @Nullable String code;
        String message;
        switch (fault.kind()) {
            case THROTTLING -> {
                status = dynamo ? 400 : 503;
                code = dynamo ? "ThrottlingException" : "SlowDown";
                message = dynamo
                        ? "Rate of requests exceeds the allowed throughput."
                        : "Please reduce your request rate.";
            }
            case SERVICE_UNAVAILABLE -> {
                status = 503;
                code = "ServiceUnavailable";
                message = "Service unavailable";
            }
            case ERROR -> {
                status = fault.status();
                code = Objects.requireNonNullElse(fault.errorType(), "InternalError");
                message = Objects.requireNonNullElse(fault.message(), "");
            }
            default -> {
                status = 500;
                code = null;
                message = "Injected fault";
            }
        }
        if (dynamo) {
            String type = code == null
                    ? "com.amazon.coral.service#InternalServerError"
                    : "com.amazonaws.dynamodb.v20120810#" + code;
            send(
                    ex,
                    status,
                    "application/x-amz-json-1.0",
                    "{\"__type\":" + jsonString(type) + ",\"message\":" + jsonString(message) + "}",
                    false);
        } else {
            send(
                    ex,
                    status,
                    "application/xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                            + xmlEscape(code == null ? "InternalError" : code) + "</Code><Message>" + xmlEscape(message)
                            + "</Message></Error>",
                    "HEAD".equals(method));
        }
    }

    /**
     * s3proxy answers any {@code GET ?partNumber=N} with 501, while S3 answers {@code partNumber=1} of an object
     * stored in one piece with the whole object (and of a multipart object with its first part and
     * {@code x-amz-mp-parts-count}). The SDK's multipart download asks for part 1 first and reads on only when the
     * response names more parts, so forwarding part 1 as a plain GET (after IAM has authorized the request as sent)
     * makes every object look stored in one piece: the download gets the exact bytes, in one part.
     */
    private static String wholeObjectAsPartOne(String method, String rawQuery) {
        if ((!"GET".equals(method) && !"HEAD".equals(method)) || rawQuery == null) {
            return rawQuery;
        }
        List<String> kept = new ArrayList<>();
        boolean partOne = false;
        for (String parameter : rawQuery.split("&", -1)) {
            if (parameter.equals("partNumber=1")) {
                partOne = true;
            } else if (!parameter.isEmpty()) {
                kept.add(parameter);
            }
        }
        return partOne ? (kept.isEmpty() ? null : String.join("&", kept)) : rawQuery;
    }

    private void forward(
            HttpExchange ex,
            URI upstream,
            String method,
            String rawPath,
            String rawQuery,
            Map<String, List<String>> headers,
            byte[] body,
            boolean partOne)
            throws IOException {
        URI target = URI.create(
                upstream.toString().replaceAll("/$", "") + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body.length == 0 && !"PUT".equals(method) && !"POST".equals(method)
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name)) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                ex.getResponseHeaders().put(name, values);
            }
        });
        boolean head = "HEAD".equals(method);
        byte[] out = response.body();
        if (partOne && response.statusCode() == 200 && !head && out.length > 0) {
            // S3 answers a part request with the part's range; here part 1 is the whole object
            ex.getResponseHeaders().set("Content-Range", "bytes 0-" + (out.length - 1) + "/" + out.length);
        }
        if (head) {
            response.headers()
                    .firstValue("content-length")
                    .ifPresent(len -> ex.getResponseHeaders().set("Content-Length", len));
            ex.sendResponseHeaders(response.statusCode(), -1);
        } else {
            ex.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    /**
     * AWS rejects a valid signature whose credential scope names another service or region (a request signed for S3
     * cannot be replayed to DynamoDB, nor one signed for eu-west-1 to us-east-1).
     */
    private String scopeError(Signed signed, boolean dynamo) {
        String service = dynamo ? "dynamodb" : "s3";
        if (!service.equals(signed.service())) {
            return "Credential should be scoped to correct service: '" + service + "'.";
        }
        if (!region.equals(signed.region())) {
            return "Credential should be scoped to a valid region, not '" + signed.region() + "'; expecting '" + region
                    + "'.";
        }
        return null;
    }

    private static void reject(HttpExchange ex, boolean dynamo, String method, String code, String message)
            throws IOException {
        if (dynamo) {
            String type = switch (code) {
                case "AccessDenied" -> "AccessDeniedException";
                case "SignatureDoesNotMatch", "XAmzContentSHA256Mismatch" -> "InvalidSignatureException";
                case "ExpiredToken" -> "ExpiredTokenException";
                case "MissingAuthenticationToken" -> "MissingAuthenticationTokenException";
                default -> code;
            };
            String json =
                    "{\"__type\":\"com.amazon.coral.service#" + type + "\",\"message\":" + jsonString(message) + "}";
            send(ex, 400, "application/x-amz-json-1.0", json, false);
        } else {
            String s3Code = switch (code) {
                case "UnrecognizedClientException" -> "InvalidAccessKeyId";
                case "MissingAuthenticationToken", "IncompleteSignature" -> "AccessDenied";
                default -> code;
            };
            int status =
                    "ExpiredToken".equals(s3Code) || "AuthorizationQueryParametersError".equals(s3Code) ? 400 : 403;
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + s3Code + "</Code><Message>"
                    + xmlEscape("AccessDenied".equals(s3Code) ? "Access Denied" : message) + "</Message><RequestId>"
                    + UUID.randomUUID() + "</RequestId></Error>";
            send(ex, status, "application/xml", xml, "HEAD".equals(method));
        }
    }

    private static void send(HttpExchange ex, int status, String contentType, String body, boolean head)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (head) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        dynamoServer.stop(0);
        s3Server.stop(0);
        executor.shutdownNow();
    }
}
