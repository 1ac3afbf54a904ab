/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantObservations;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * {@link TenantObservations} as Micrometer {@link Observation}s, so exchanges and calls become timers and trace spans
 * through the application's {@link ObservationRegistry}. Each carries the tenant value as a high-cardinality key and
 * never a token or credentials.
 *
 * <table>
 *   <caption>Observations and their keys</caption>
 *   <tr><th>name</th><th>low-cardinality keys</th><th>high-cardinality keys</th></tr>
 *   <tr><td>{@value #EXCHANGE}</td><td>{@value #SOURCE} ({@code miss}, {@code refresh}), {@value #OUTCOME}
 *       ({@code success}, {@code rejected}, {@code failure})</td><td>{@value #TENANT}</td></tr>
 *   <tr><td>{@value #CALL}</td><td>{@value #SERVICE} ({@code dynamodb}, {@code s3}), {@value #OPERATION},
 *       {@value #OUTCOME} ({@code success}, {@code failure})</td><td>{@value #TENANT}</td></tr>
 * </table>
 *
 * <p>{@code rejected} means Cognito or tenant-client refused the token ({@link InvalidTenantTokenException}); any
 * other failure is {@code failure}, and the observation also carries the exception.
 */
public final class MicrometerTenantObservations implements TenantObservations {

    /**
     * The name of the token → credentials exchange observation (not {@code tenant.client.exchange}: that is the timer
     * {@link TenantClientMetrics} registers, with other tags).
     */
    public static final String EXCHANGE = "tenant.client.credentials.exchange";

    /** The name of the table, index and bucket call observation. */
    public static final String CALL = "tenant.client.call";

    /** Low-cardinality key: {@code miss} (a caller waits) or {@code refresh} (in the background, ahead of expiry). */
    public static final String SOURCE = "source";

    /** Low-cardinality key: {@code success}, {@code rejected} or {@code failure}. */
    public static final String OUTCOME = "outcome";

    /** Low-cardinality key: the service a call goes to, {@code dynamodb} or {@code s3}. */
    public static final String SERVICE = "service";

    /** Low-cardinality key: the SDK operation of a call, such as {@code GetItem}. */
    public static final String OPERATION = "operation";

    /** High-cardinality key: the tenant value ({@link Tenant#org()}). */
    public static final String TENANT = "tenant";

    private final ObservationRegistry registry;

    /**
     * Observes into a registry.
     *
     * @param registry the application's registry
     */
    public MicrometerTenantObservations(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Observed exchange(Tenant tenant, boolean refresh) {
        Observation observation = Observation.createNotStarted(EXCHANGE, registry)
                .contextualName("tenant-client " + (refresh ? "refresh" : "exchange"))
                .lowCardinalityKeyValue(SOURCE, refresh ? "refresh" : "miss")
                .highCardinalityKeyValue(TENANT, tenant.org())
                .start();
        return failure -> stop(observation, failure);
    }

    @Override
    public Observed call(Tenant tenant, String service, String operation) {
        Observation observation = Observation.createNotStarted(CALL, registry)
                .contextualName(service + " " + operation)
                .lowCardinalityKeyValue(SERVICE, service)
                .lowCardinalityKeyValue(OPERATION, operation)
                .highCardinalityKeyValue(TENANT, tenant.org())
                .start();
        return failure -> stop(observation, failure);
    }

    private static void stop(Observation observation, Throwable failure) {
        if (failure == null) {
            observation.lowCardinalityKeyValue(OUTCOME, "success");
        } else {
            observation.lowCardinalityKeyValue(
                    OUTCOME, failure instanceof InvalidTenantTokenException ? "rejected" : "failure");
            observation.error(failure);
        }
        observation.stop();
    }

    @Override
    public String toString() {
        return "MicrometerTenantObservations{" + registry + "}";
    }
}
