/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantObservations;
import dev.tenantclient.TokenVerifier;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Exchanges become Micrometer observations carrying the tenant, never the token; customizers reach the SDK clients. */
class TenantClientObservationTest {

    private static final String USER_POOL = "eu-west-1_AbCdEf123";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    TenantClientObservationAutoConfiguration.class, TenantClientAutoConfiguration.class))
            .withPropertyValues(
                    "tenant-client.identity-pool-id=eu-west-1:11111111-2222-4333-8444-555555555555",
                    "tenant-client.user-pool-id=" + USER_POOL);

    /** Records every observation that stops. */
    static final class Recorder implements ObservationHandler<Observation.Context> {
        final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

        @Override
        public void onStop(Observation.Context context) {
            stopped.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }

    /** Stops every request of the SDK clients tenant-client builds before it leaves (no network in this test). */
    static final class Stop implements ExecutionInterceptor {
        final AtomicInteger seen = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            seen.incrementAndGet();
            throw new IllegalStateException("stopped by the test interceptor");
        }
    }

    @Test
    void aFailedExchangeIsObservedWithTheTenantAndACustomizerReachesTheCognitoClient() {
        Recorder recorder = new Recorder();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(recorder);
        Stop stop = new Stop();
        String token = token("acme", "alice");
        runner.withBean(ObservationRegistry.class, () -> registry)
                .withBean(
                        TenantClientBuilderCustomizer.class,
                        () -> b -> b.tokenVerifier(TokenVerifier.skipSignatureVerification())
                                .overrideConfiguration(c -> c.addExecutionInterceptor(stop)))
                .run(context -> {
                    assertThat(context).hasSingleBean(MicrometerTenantObservations.class);
                    TenantClient client = context.getBean(TenantClient.class);
                    assertThatThrownBy(() ->
                                    client.session(token).credentialsProvider().resolveCredentials())
                            .isInstanceOf(CredentialsUnavailableException.class);
                });
        assertThat(stop.seen).hasPositiveValue();
        assertThat(recorder.stopped).hasSize(1);
        Observation.Context exchange = recorder.stopped.get(0);
        assertThat(exchange.getName()).isEqualTo(MicrometerTenantObservations.EXCHANGE);
        assertThat(keys(exchange.getLowCardinalityKeyValues()))
                .containsEntry(MicrometerTenantObservations.SOURCE, "miss")
                .containsEntry(MicrometerTenantObservations.OUTCOME, "failure");
        assertThat(keys(exchange.getHighCardinalityKeyValues()))
                .containsExactly(Map.entry(MicrometerTenantObservations.TENANT, "acme"));
        assertThat(exchange.getError()).isInstanceOf(CredentialsUnavailableException.class);
        assertThat(exchange.toString())
                .doesNotContain(token)
                .doesNotContain(token.substring(token.indexOf('.') + 1, token.lastIndexOf('.')));
    }

    @Test
    void callsAreObservedWithServiceOperationAndTenant() {
        Recorder recorder = new Recorder();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(recorder);
        TenantObservations observations = new MicrometerTenantObservations(registry);
        Tenant tenant = new Tenant("acme", "alice", Map.of("org", "acme"));

        observations.call(tenant, "dynamodb", "GetItem").stop(null);

        Observation.Context call = recorder.stopped.get(0);
        assertThat(call.getName()).isEqualTo(MicrometerTenantObservations.CALL);
        assertThat(keys(call.getLowCardinalityKeyValues()))
                .containsEntry(MicrometerTenantObservations.SERVICE, "dynamodb")
                .containsEntry(MicrometerTenantObservations.OPERATION, "GetItem")
                .containsEntry(MicrometerTenantObservations.OUTCOME, "success");
        assertThat(keys(call.getHighCardinalityKeyValues())).containsEntry(MicrometerTenantObservations.TENANT, "acme");
    }

    @Test
    void aBucketCallIsObservedAsATenantClientCallWithoutTheToken() {
        Recorder recorder = new Recorder();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(recorder);
        String token = token("acme", "alice");
        S3Client canned = new S3Client() {
            @Override
            public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
                return PutObjectResponse.builder().build();
            }

            @Override
            public String serviceName() {
                return "s3";
            }

            @Override
            public void close() {}
        };
        runner.withBean(ObservationRegistry.class, () -> registry)
                .withBean(
                        TenantClientBuilderCustomizer.class,
                        () -> b -> b.tokenVerifier(TokenVerifier.skipSignatureVerification())
                                .s3Client(canned))
                .run(context -> context.getBean(TenantClient.class)
                        .session(token)
                        .bucket("files")
                        .putObject("a.txt", RequestBody.fromString("a")));
        assertThat(recorder.stopped).hasSize(1);
        Observation.Context call = recorder.stopped.get(0);
        assertThat(call.getName()).isEqualTo("tenant.client.call").isEqualTo(MicrometerTenantObservations.CALL);
        assertThat(keys(call.getLowCardinalityKeyValues()))
                .containsEntry(MicrometerTenantObservations.SERVICE, "s3")
                .containsEntry(MicrometerTenantObservations.OPERATION, "PutObject")
                .containsEntry(MicrometerTenantObservations.OUTCOME, "success");
        assertThat(keys(call.getHighCardinalityKeyValues())).containsEntry(MicrometerTenantObservations.TENANT, "acme");
        String payload = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
        assertThat(call.getAllKeyValues())
                .allSatisfy(kv -> assertThat(kv.getKey() + "=" + kv.getValue())
                        .doesNotContain(token)
                        .doesNotContain(payload));
        assertThat(call.toString()).doesNotContain(token).doesNotContain(payload);
    }

    @Test
    void withoutARegistryNothingIsObserved() {
        runner.run(context ->
                assertThat(context).hasSingleBean(TenantClient.class).doesNotHaveBean(TenantObservations.class));
    }

    @Test
    void theApplicationsObservationsWin() {
        TenantObservations own = new TenantObservations() {};
        runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
                .withBean(TenantObservations.class, () -> own)
                .run(context ->
                        assertThat(context.getBean(TenantObservations.class)).isSameAs(own));
    }

    private static Map<String, String> keys(Iterable<KeyValue> values) {
        return java.util.stream.StreamSupport.stream(values.spliterator(), false)
                .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }

    /** An unsigned ID token of the configured user pool (signature checks are skipped in this test). */
    private static String token(String org, String subject) {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"sub\":\"" + subject + "\",\"custom:org\":\"" + org
                + "\",\"iss\":\"https://cognito-idp.eu-west-1.amazonaws.com/" + USER_POOL
                + "\",\"aud\":\"app\",\"token_use\":\"id\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        return encode("{\"alg\":\"RS256\",\"kid\":\"test\"}") + "." + encode(claims) + ".c2lnbmF0dXJl";
    }

    private static String encode(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
