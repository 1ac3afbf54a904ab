/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityException;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;
import software.amazon.awssdk.services.cognitoidentity.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentity.model.TooManyRequestsException;

/** The emulator's wire protocol, driven by the SDK's own client with no tenant-client code in between. */
@ExtendWith(NoSecretsInLogs.class)
class CognitoIdentityEmulatorTest {

    private static LocalTenantStack stack;
    private static CognitoIdentityClient cognito;
    private static String login;

    @BeforeAll
    static void start() {
        // one layout mapping two tags, so the exchange shows a principal-tag map of more than one claim
        stack = TestStacks.start(b -> b.layouts(dev.tenantclient.TenantLayout.builder()
                .tag("org", "custom:org")
                .tag("username", "sub")
                .partitionKeyPrefix("{org}#")
                .objectKeyPrefix("{org}/{username}/")
                .build()));
        cognito = CognitoIdentityClient.builder()
                .region(LocalTenantStack.REGION)
                .endpointOverride(stack.cognitoEndpoint())
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(r -> r.maxAttempts(1)))
                .build();
        login = stack.tokens().providerName();
    }

    @AfterAll
    static void stop() {
        cognito.close();
        stack.close();
    }

    private static String getId(String token) {
        return cognito.getId(
                        r -> r.identityPoolId(LocalTenantStack.IDENTITY_POOL_ID).logins(Map.of(login, token)))
                .identityId();
    }

    @Test
    void getIdReturnsTheSameIdentityForEveryTokenOfAUser() {
        String a = getId(stack.issueToken("acme", "proto-alice"));
        String b = getId(stack.tokens()
                .token("proto-alice")
                .org("acme")
                .issuedAt(Instant.now().minusSeconds(60))
                .build());

        assertThat(a)
                .isEqualTo(b)
                .startsWith("us-east-1:")
                .isEqualTo(stack.cognito().identityIdOf("proto-alice"));
        assertThat(getId(stack.issueToken("acme", "proto-bob"))).isNotEqualTo(a);
    }

    @Test
    void credentialsCarryPrincipalTagsFromTheClaimsAndALifetime() {
        String token = stack.issueToken("globex", "proto-carol");
        String identity = getId(token);

        GetCredentialsForIdentityResponse response =
                cognito.getCredentialsForIdentity(r -> r.identityId(identity).logins(Map.of(login, token)));

        assertThat(response.identityId()).isEqualTo(identity);
        assertThat(response.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(response.credentials().expiration())
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(59)),
                        Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(stack.cognito().issued(response.credentials().accessKeyId()).orElseThrow())
                .satisfies(issued -> {
                    assertThat(issued.principalTags()).isEqualTo(Map.of("org", "globex", "username", "proto-carol"));
                    assertThat(issued.identityId()).isEqualTo(identity);
                });
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"acme*", "acme#1", "a\"b", "acme;x", "acme\u0000", "tab\tbed"})
    void aClaimOutsideTheSessionTagCharsetFailsTheExchange(String value) {
        String token = stack.issueToken(value, "proto-tag-" + Integer.toHexString(value.hashCode()));
        String identity = getId(token);

        assertThatThrownBy(() -> cognito.getCredentialsForIdentity(
                        r -> r.identityId(identity).logins(Map.of(login, token))))
                .isInstanceOf(software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException.class);
    }

    @Test
    void aClaimOfMoreThan256CharactersFailsTheExchangeAndOneOf256Passes() {
        String ok = "a".repeat(256);
        String okToken = stack.issueToken(ok, "proto-long-ok");
        String okIdentity = getId(okToken);
        assertThat(cognito.getCredentialsForIdentity(
                                r -> r.identityId(okIdentity).logins(Map.of(login, okToken)))
                        .credentials())
                .isNotNull();

        String tooLong = stack.issueToken("a".repeat(257), "proto-long");
        String identity = getId(tooLong);
        assertThatThrownBy(() -> cognito.getCredentialsForIdentity(
                        r -> r.identityId(identity).logins(Map.of(login, tooLong))))
                .isInstanceOf(software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException.class);
    }

    @Test
    void slashesSpacesAndUnicodeLettersAreValidSessionTagValues() {
        String token = stack.issueToken("globex/reports é 1", "proto-slash");
        String identity = getId(token);

        assertThat(cognito.getCredentialsForIdentity(r -> r.identityId(identity).logins(Map.of(login, token)))
                        .credentials())
                .isNotNull();
    }

    @Test
    void anotherUsersIdentityIsNotAuthorized() {
        String alice = getId(stack.issueToken("acme", "proto-dave"));
        String evesToken = stack.issueToken("acme", "proto-eve");

        assertThatThrownBy(() -> cognito.getCredentialsForIdentity(
                        r -> r.identityId(alice).logins(Map.of(login, evesToken))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Logins don't match");
    }

    @Test
    void expiredWrongAudienceAndAccessTokensAreNotAuthorized() {
        String expired = stack.tokens()
                .token("proto-f")
                .org("acme")
                .issuedAt(Instant.now().minusSeconds(7200))
                .build();
        String otherAudience = stack.tokens()
                .token("proto-f")
                .org("acme")
                .claim("aud", "other")
                .build();
        String accessToken = stack.tokens()
                .token("proto-f")
                .org("acme")
                .claim("token_use", "access")
                .build();
        String otherIssuer = stack.tokens()
                .token("proto-f")
                .org("acme")
                .claim("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other")
                .build();

        assertThatThrownBy(() -> getId(expired))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Token expired");
        assertThatThrownBy(() -> getId(otherAudience))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("audience");
        assertThatThrownBy(() -> getId(accessToken)).isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> getId(otherIssuer))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Issuer");
    }

    @Test
    void aTokenSignedByAnotherKeyIsNotAuthorized() {
        try (LocalTenantStack other = TestStacks.start(b -> b)) {
            String foreign = other.issueToken("acme", "proto-g");

            assertThatThrownBy(() -> getId(foreign))
                    .isInstanceOf(NotAuthorizedException.class)
                    .hasMessageContaining("Couldn't verify signed token");
        }
    }

    @Test
    void anUnknownPoolIsNotFoundAndAMissingLoginIsUnauthenticated() {
        String token = stack.issueToken("acme", "proto-h");

        assertThatThrownBy(() -> cognito.getId(r -> r.identityPoolId("us-east-1:11111111-1111-4111-8111-111111111111")
                        .logins(Map.of(login, token))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.getId(r -> r.identityPoolId(LocalTenantStack.IDENTITY_POOL_ID)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Unauthenticated");
    }

    @Test
    void injectedFaultsArriveAsTheSdksTypedExceptionsForTheNextCallsOnly() {
        String token = stack.issueToken("acme", "proto-i");
        stack.faults().inject(Fault.throttling().on("cognito-identity:*"));
        stack.faults().inject(Fault.internalError().on("cognito-identity:*"));
        stack.faults().inject(Fault.serviceUnavailable().on("cognito-identity:*"));

        assertThatThrownBy(() -> getId(token)).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> getId(token)).isInstanceOf(InternalErrorException.class);
        assertThatThrownBy(() -> getId(token))
                .isInstanceOfSatisfying(
                        CognitoIdentityException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(503));
        assertThat(getId(token)).isEqualTo(stack.cognito().identityIdOf("proto-i"));
    }

    @Test
    void aFaultOnOneOperationLetsItsAfterCallsThroughAndLeavesTheOtherOperationAlone() {
        String token = stack.issueToken("acme", "proto-j");
        String id = getId(token);
        stack.faults()
                .inject(Fault.throttling()
                        .on("cognito-identity:GetCredentialsForIdentity")
                        .after(1)
                        .times(2));

        assertThat(getId(token)).isEqualTo(id);
        assertThat(credentials(id, token).credentials().accessKeyId()).startsWith("ASIA");
        assertThatThrownBy(() -> credentials(id, token)).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> credentials(id, token)).isInstanceOf(TooManyRequestsException.class);
        assertThat(credentials(id, token).credentials().accessKeyId()).startsWith("ASIA");
        assertThat(stack.faults().pending()).isZero();
    }

    @Test
    void aFaultForAServiceTheStackDoesNotEmulateOrCannotAnswerIsRefused() {
        assertThatThrownBy(() -> stack.faults().inject(Fault.throttling()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("on(");
        assertThatThrownBy(() -> stack.faults().inject(Fault.throttling().on("sts:AssumeRole")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sts'");
        assertThatThrownBy(() -> stack.faults().inject(Fault.incompleteAnswer().on("s3:GetObject")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot answer");
        assertThat(stack.faults().pending()).isZero();
    }

    @Test
    void aPrincipalTagMapSetThroughTheControlPlaneTagsTheNextCredentialsAndTheDoctorReadsIt() {
        try {
            cognito.setPrincipalTagAttributeMap(r -> r.identityPoolId(LocalTenantStack.IDENTITY_POOL_ID)
                    .identityProviderName(login)
                    .useDefaults(false)
                    .principalTags(Map.of("org", "sub", "username", "sub")));
            String token = stack.issueToken("acme", "proto-k");

            String accessKeyId = credentials(getId(token), token).credentials().accessKeyId();

            Map<String, String> tags = Map.of("org", "proto-k", "username", "proto-k");
            assertThat(stack.cognito().issued(accessKeyId).orElseThrow().principalTags())
                    .isEqualTo(tags);
            assertThat(stack.cognito().session(accessKeyId).orElseThrow().principalTags())
                    .as("the session the IAM gateway evaluates")
                    .isEqualTo(tags);
            assertThat(stack.cognito().principalTagMap()).isEqualTo(Map.of("org", "sub", "username", "sub"));
            var report = stack.doctorBuilder().table("notes").build().examine();
            assertThat(report.findings()).as(report.describe()).anySatisfy(f -> {
                assertThat(f.check()).isEqualTo("principal-tags.wrong-claim");
                assertThat(f.problem()).contains("'sub'", "'custom:org'");
            });
        } finally {
            stack.deployment().reset();
        }
        assertThat(stack.cognito().principalTagMap()).isEqualTo(Map.of("org", "custom:org", "username", "sub"));
    }

    private static GetCredentialsForIdentityResponse credentials(String identityId, String token) {
        return cognito.getCredentialsForIdentity(r -> r.identityId(identityId).logins(Map.of(login, token)));
    }
}
