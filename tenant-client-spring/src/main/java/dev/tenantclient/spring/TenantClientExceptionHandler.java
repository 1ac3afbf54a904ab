/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.TenantBoundaryException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers tenant-client's exceptions with RFC 9457 problem details ({@code application/problem+json}) instead of a
 * 500:
 *
 * <table>
 *   <caption>Answers</caption>
 *   <tr><th>exception</th><th>status</th><th>headers</th></tr>
 *   <tr><td>{@link TenantBoundaryException} (a key or request would leave the tenant)</td><td>400</td><td></td></tr>
 *   <tr><td>{@link InvalidTenantTokenException}, tenant claim missing or unsafe</td><td>403</td><td></td></tr>
 *   <tr><td>{@link InvalidTenantTokenException}, any other reason (expired, wrong issuer or audience, an access
 *       token, rejected by the verifier or Cognito)</td><td>401</td>
 *       <td>{@code WWW-Authenticate: Bearer error="invalid_token", error_description="..."}</td></tr>
 *   <tr><td>{@link MissingTenantTokenException}</td><td>401</td><td>{@code WWW-Authenticate: Bearer}</td></tr>
 *   <tr><td>{@link CredentialsUnavailableException} (Cognito failing, nothing cached)</td><td>503</td>
 *       <td>{@code Retry-After}</td></tr>
 * </table>
 *
 * <p>Each answer is logged once at WARN with the method, path, status and reason (never a token, never a stack
 * trace). The body's {@code detail} is the exception's message, which names keys and claims but never a token.
 * Auto-configured for servlet applications; a bean of this type of the application's replaces it, and the
 * application's own {@code @ExceptionHandler}s for these types take precedence (this advice has the lowest order).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class TenantClientExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(TenantClientExceptionHandler.class);

    private final Duration retryAfter;

    /**
     * Creates the handler.
     *
     * @param retryAfter the {@code Retry-After} of a 503 (rounded up to whole seconds, at least one)
     */
    public TenantClientExceptionHandler(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    /**
     * A request would have crossed the tenant boundary: the caller's input (an over-long or unsafe key) is wrong.
     *
     * @param e the exception
     * @param request the request
     * @return 400
     */
    @ExceptionHandler(TenantBoundaryException.class)
    public ResponseEntity<ProblemDetail> boundary(TenantBoundaryException e, HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST, "Request outside the tenant", "tenant-boundary", e, null);
    }

    /**
     * The token gives no tenant: 403 when the tenant claim is missing or unsafe, otherwise 401 with a
     * {@code WWW-Authenticate} challenge naming the reason (RFC 6750).
     *
     * @param e the exception
     * @param request the request
     * @return 401 or 403
     */
    @ExceptionHandler(InvalidTenantTokenException.class)
    public ResponseEntity<ProblemDetail> invalidToken(InvalidTenantTokenException e, HttpServletRequest request) {
        if (e.isTenantProblem()) {
            return answer(request, HttpStatus.FORBIDDEN, "No usable tenant in the token", "invalid-tenant", e, null);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(
                HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"invalid_token\", error_description=\"" + quoted(e.getMessage()) + "\"");
        ResponseEntity<ProblemDetail> answer = answer(
                request,
                HttpStatus.UNAUTHORIZED,
                "Invalid tenant token",
                e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                e,
                headers);
        return answer;
    }

    /**
     * A session was needed but the request is not authenticated with a JWT.
     *
     * @param e the exception
     * @param request the request
     * @return 401
     */
    @ExceptionHandler(MissingTenantTokenException.class)
    public ResponseEntity<ProblemDetail> missingToken(MissingTenantTokenException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return answer(request, HttpStatus.UNAUTHORIZED, "Authentication required", "missing-token", e, headers);
    }

    /**
     * Cognito could not issue credentials and none are cached: the same request may succeed later.
     *
     * @param e the exception
     * @param request the request
     * @return 503
     */
    @ExceptionHandler(CredentialsUnavailableException.class)
    public ResponseEntity<ProblemDetail> credentialsUnavailable(
            CredentialsUnavailableException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return answer(
                request,
                HttpStatus.SERVICE_UNAVAILABLE,
                "Tenant credentials unavailable",
                "credentials-unavailable",
                e,
                headers);
    }

    private static ResponseEntity<ProblemDetail> answer(
            HttpServletRequest request,
            HttpStatus status,
            String title,
            String reason,
            RuntimeException e,
            HttpHeaders headers) {
        // The message names keys, claims and tenants, never a token (a library-wide rule); no stack trace: these
        // are answers, not server errors.
        log.warn(
                "{} {} answered {}: {} ({})",
                request.getMethod(),
                request.getRequestURI(),
                status.value(),
                e.getMessage(),
                e.getClass().getSimpleName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(title);
        problem.setProperty("reason", reason);
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (headers != null) {
            answer.headers(headers);
        }
        return answer.body(problem);
    }

    /** An RFC 6750 quoted-string value: printable ASCII without quotes or backslashes. */
    private static String quoted(String message) {
        StringBuilder b = new StringBuilder();
        String m = message == null ? "" : message;
        for (int i = 0; i < m.length() && b.length() < 300; i++) {
            char c = m.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : ' ');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "TenantClientExceptionHandler{retryAfter=" + retryAfter + "}";
    }
}
