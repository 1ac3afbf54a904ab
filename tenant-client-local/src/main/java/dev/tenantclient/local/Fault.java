/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A fault an emulated service answers instead of its real answer, for {@link Faults#inject(Fault)}: what goes wrong
 * ({@link #throttling()}, {@link #internalError()}, a {@link #delay(Duration) delay}, ...), on which operations
 * ({@link #on(String...)}), after how many calls ({@link #after(int)}) and how many times ({@link #times(int)}).
 *
 * <pre>{@code
 * stack.faults().inject(Fault.throttling().on("cognito-identity:GetCredentialsForIdentity").times(3));
 * stack.faults().inject(Fault.internalError().on("s3:PutObject").after(2));
 * }</pre>
 *
 * <p>Operations are named as IAM actions are, {@code <service>:<Operation>}, or {@code <service>:*} for all of a
 * service's operations. Each service answers a fault in its own wire format: throttling is Cognito's
 * {@code 400 TooManyRequestsException}, DynamoDB's {@code 400 ThrottlingException}, S3's {@code 503 SlowDown}.
 * Immutable: each method returns a new fault.
 */
public final class Fault {

    /** What goes wrong. */
    public enum Kind {
        /** The service's throttling error. */
        THROTTLING,
        /** The service's internal error ({@code 500}). */
        INTERNAL_ERROR,
        /** The service unavailable ({@code 503}). */
        SERVICE_UNAVAILABLE,
        /** A given error: {@link #status()}, {@link #errorType()} and {@link #message()}. */
        ERROR,
        /** The correct answer after {@link #delay()}. */
        DELAY,
        /** A {@code 200} that lacks its payload. */
        INCOMPLETE_ANSWER
    }

    private final Kind kind;
    private final int status;
    private final @Nullable String errorType;
    private final @Nullable String message;
    private final Duration delay;
    private final List<String> operations;
    private final int after;
    private final int times;

    private Fault(
            Kind kind,
            int status,
            @Nullable String errorType,
            @Nullable String message,
            Duration delay,
            List<String> operations,
            int after,
            int times) {
        this.kind = kind;
        this.status = status;
        this.errorType = errorType;
        this.message = message;
        this.delay = delay;
        this.operations = operations;
        this.after = after;
        this.times = times;
    }

    private static Fault of(Kind kind, int status, @Nullable String errorType, @Nullable String message) {
        return new Fault(kind, status, errorType, message, Duration.ZERO, List.of(), 0, 1);
    }

    /**
     * Throttling, as the service answers above its request-rate quota (Cognito: {@code 400 TooManyRequestsException
     * "Rate exceeded"}).
     *
     * @return a throttling fault
     */
    public static Fault throttling() {
        return of(Kind.THROTTLING, 400, "TooManyRequestsException", "Rate exceeded");
    }

    /**
     * An internal error (Cognito: {@code 500 InternalErrorException}; DynamoDB and S3: their {@code 500}).
     *
     * @return an internal-error fault
     */
    public static Fault internalError() {
        return of(Kind.INTERNAL_ERROR, 500, "InternalErrorException", "An internal error occurred");
    }

    /**
     * The service unavailable (Cognito: {@code 503 ServiceUnavailableException}).
     *
     * @return a service-unavailable fault
     */
    public static Fault serviceUnavailable() {
        return of(Kind.SERVICE_UNAVAILABLE, 503, "ServiceUnavailableException", "Service unavailable");
    }

    /**
     * Any error in the service's wire format, such as Cognito's {@code 400 ResourceNotFoundException} for an identity
     * that was deleted.
     *
     * @param status the HTTP status, 4xx or 5xx
     * @param errorType the error code ({@code __type} in AWS JSON, {@code Code} in XML)
     * @param message the message
     * @return an error fault
     * @throws IllegalArgumentException when the status is not an error status
     */
    public static Fault error(int status, String errorType, String message) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx, was " + status);
        }
        return of(Kind.ERROR, status, Objects.requireNonNull(errorType, "errorType"), message);
    }

    /**
     * The correct answer, late (longer than the client's timeout, it is a timeout).
     *
     * @param delay how late, at most {@code Integer.MAX_VALUE} milliseconds
     * @return a delay fault
     * @throws IllegalArgumentException when the delay is negative or too long
     */
    public static Fault delay(Duration delay) {
        if (delay.isNegative() || delay.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("delay out of range: " + delay);
        }
        return new Fault(Kind.DELAY, 200, null, null, delay, List.of(), 0, 1);
    }

    /**
     * A successful answer that lacks its payload, as a broken proxy or a protocol change might produce (Cognito:
     * {@code 200} with only the {@code IdentityId}).
     *
     * @return an incomplete-answer fault
     */
    public static Fault incompleteAnswer() {
        return of(Kind.INCOMPLETE_ANSWER, 200, null, null);
    }

    /**
     * The operations this fault answers, replacing any named before.
     *
     * @param operations such as {@code cognito-identity:GetId}, {@code s3:PutObject} (multipart parts included),
     *     {@code dynamodb:PutItem}, or {@code cognito-identity:*}
     * @return a fault on these operations
     * @throws IllegalArgumentException when none is given or one is not {@code <service>:<Operation>}
     */
    public Fault on(String... operations) {
        if (operations.length == 0) {
            throw new IllegalArgumentException("name at least one operation, such as cognito-identity:GetId");
        }
        for (String operation : operations) {
            int colon = Objects.requireNonNull(operation, "operation").indexOf(':');
            if (colon < 1 || colon == operation.length() - 1) {
                throw new IllegalArgumentException("an operation is <service>:<Operation> (such as "
                        + "cognito-identity:GetId or s3:*), was '" + operation + "'");
            }
        }
        return new Fault(kind, status, errorType, message, delay, List.of(operations), after, times);
    }

    /**
     * Lets the next {@code calls} matching calls through first (or to faults injected before this one). Default 0.
     *
     * @param calls matching calls to let through, at least 0
     * @return a fault that starts later
     */
    public Fault after(int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("after must be at least 0, was " + calls);
        }
        return new Fault(kind, status, errorType, message, delay, operations, calls, times);
    }

    /**
     * How many matching calls get this fault. Default 1.
     *
     * @param calls at least 1
     * @return a fault served that many times
     */
    public Fault times(int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + calls);
        }
        return new Fault(kind, status, errorType, message, delay, operations, after, calls);
    }

    /**
     * What goes wrong.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The HTTP status for {@link Kind#ERROR} (and Cognito's status for the other error kinds).
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The error code for {@link Kind#ERROR} (and Cognito's code for the other error kinds).
     *
     * @return the error code, or null for a delay or an incomplete answer
     */
    public @Nullable String errorType() {
        return errorType;
    }

    /**
     * The error message.
     *
     * @return the message, or null
     */
    public @Nullable String message() {
        return message;
    }

    /**
     * How late a {@link Kind#DELAY} answers.
     *
     * @return the delay, zero for the other kinds
     */
    public Duration delay() {
        return delay;
    }

    /**
     * The operations this fault answers.
     *
     * @return {@code <service>:<Operation>} names; empty until {@link #on(String...)}
     */
    public List<String> operations() {
        return operations;
    }

    /**
     * Matching calls let through before the fault is served.
     *
     * @return the count
     */
    public int after() {
        return after;
    }

    /**
     * Matching calls that get the fault.
     *
     * @return the count
     */
    public int times() {
        return times;
    }

    /** Whether this fault names {@code operation} ({@code service:Operation}), case-insensitively. */
    boolean matches(String operation) {
        for (String named : operations) {
            if (named.equalsIgnoreCase(operation)
                    || (named.endsWith(":*") && operation.regionMatches(true, 0, named, 0, named.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** The services this fault names. */
    List<String> services() {
        return operations.stream()
                .map(o -> o.substring(0, o.indexOf(':')).toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case DELAY -> "delay " + delay;
            case ERROR -> status + " " + errorType;
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
        return "Fault{" + what + " on " + operations + ", after " + after + ", times " + times + "}";
    }
}
