/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.samples.quickstart;

import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantBucket;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.TenantSession;
import dev.tenantclient.TenantTable;
import dev.tenantclient.doctor.Finding;
import dev.tenantclient.doctor.TenantDoctor;
import dev.tenantclient.local.LocalTenantStack;
import dev.tenantclient.policy.PolicyResources;
import dev.tenantclient.policy.TenantPolicies;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The README's first command: starts a {@link LocalTenantStack} (IAM enforced), signs in two users of two tenants, and shows
 * what each gets — tenant, identity id, credential expiry, principal tags — then has both write a note and a file
 * under the same id and key, and read back only their own. It ends by trying to step outside the tenant, once
 * through the library and once around it, and shows both refusals. It prints no token or secret.
 */
public final class Quickstart {

    /** The demo's item: a note with an id. */
    public static final class Note {
        private String id;
        private String text;

        /** @return the id */
        public String id() {
            return id;
        }

        /** @return the text */
        public String text() {
            return text;
        }
    }

    static final TableSchema<Note> NOTES = TableSchema.builder(Note.class)
            .newItemSupplier(Note::new)
            .addAttribute(
                    String.class,
                    a -> a.name("id")
                            .getter(Note::id)
                            .setter((n, v) -> n.id = v)
                            .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("text").getter(Note::text).setter((n, v) -> n.text = v))
            .build();

    private Quickstart() {}

    /**
     * Runs the quickstart.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (LocalTenantStack stack = LocalTenantStack.start();
                TenantClient client = stack.clientBuilder().build()) {
            out.println(
                    "tenant-client quickstart on the local stack (Cognito emulator, DynamoDB Local, S3, IAM gateway)");
            out.println();
            out.println(
                    "1. The IAM permission policy generated from TenantLayout.org() (the local gateway enforces it):");
            out.println(TenantPolicies.toJson(TenantPolicies.of(TenantLayout.org())
                    .permissionPolicy(PolicyResources.builder()
                            .region("us-east-1")
                            .account(LocalTenantStack.ACCOUNT_ID)
                            .table("notes")
                            .bucket("files")
                            .build())));
            out.println();
            out.println("2. Two users of two tenants sign in; the library exchanges their ID tokens for credentials:");
            DynamoDbEnhancedClient.builder()
                    .dynamoDbClient(stack.adminDynamoDbClient())
                    .build()
                    .table("notes", NOTES)
                    .createTable();
            stack.adminS3Client().createBucket(r -> r.bucket("files"));

            List<TenantSession> sessions = new java.util.ArrayList<>();
            for (String[] user : new String[][] {{"acme", "alice"}, {"globex", "bob"}}) {
                TenantSession session = client.session(stack.issueToken(user[0], user[1]));
                AwsSessionCredentials credentials =
                        (AwsSessionCredentials) session.credentialsProvider().resolveCredentials();
                out.printf(
                        "   %-7s user=%-6s identity=%s credentials expire %s, principal tags %s%n",
                        session.tenant().org(),
                        session.tenant().subject(),
                        session.identityId(),
                        credentials.expirationTime().orElseThrow(),
                        new java.util.TreeMap<>(stack.cognito()
                                .issued(credentials.accessKeyId())
                                .orElseThrow()
                                .principalTags()));
                TenantTable<Note> notes = session.table("notes", NOTES);
                Note note = new Note();
                note.id = "n-1";
                note.text = "hello from " + user[0];
                notes.putItem(note);
                TenantBucket files = session.bucket("files");
                files.putObject("reports/q1.txt", RequestBody.fromString(user[0] + "'s report"));
                sessions.add(session);
            }
            out.println();
            out.println("3. Both wrote note n-1 and file reports/q1.txt; each reads back its own:");
            for (TenantSession session : sessions) {
                String org = session.tenant().org();
                Note back = session.table("notes", NOTES)
                        .getItem(Key.builder().partitionValue("n-1").build());
                String file = session.bucket("files")
                        .getObjectAsBytes("reports/q1.txt")
                        .asUtf8String();
                out.printf(
                        "   %-7s reads note %s: \"%s\" and reports/q1.txt: \"%s\"%n",
                        org, back.id(), back.text(), file);
            }
            out.println("   stored keys: notes "
                    + stack
                            .adminDynamoDbClient()
                            .scan(ScanRequest.builder().tableName("notes").build())
                            .items()
                            .stream()
                            .map(i -> i.get("id").s())
                            .sorted()
                            .toList()
                    + ", files "
                    + stack.adminS3Client().listObjectsV2(r -> r.bucket("files")).contents().stream()
                            .map(o -> o.key())
                            .sorted()
                            .toList());

            out.println();
            out.println("4. acme tries to reach globex's note, once through the library and once around it:");
            TenantSession acme = sessions.get(0);
            try {
                acme.table("notes", NOTES)
                        .getItem(Key.builder().partitionValue("globex#n-1").build());
            } catch (TenantBoundaryException e) {
                out.println("   library refuses: " + e.getMessage());
            }
            try (DynamoDbClient raw = DynamoDbClient.builder()
                    .region(LocalTenantStack.REGION)
                    .endpointOverride(stack.dynamoDbEndpoint())
                    .credentialsProvider(acme.credentialsProvider())
                    .build()) {
                raw.getItem(r -> r.tableName("notes").key(Map.of("id", AttributeValue.fromS("globex#n-1"))));
            } catch (AwsServiceException e) {
                out.println("   IAM refuses the raw SDK call: "
                        + e.awsErrorDetails().errorCode());
            }
            out.println();
            out.println("5. TenantDoctor checks the deployment (user pool, identity pool, role) against the layout:");
            TenantDoctor doctor =
                    stack.doctorBuilder().table("notes").bucket("files").build();
            out.println("   " + doctor.examine().describe());
            stack.deployment()
                    .putRolePolicy(
                            "ops-debugging",
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
                                    + "\"Debug\",\"Effect\":\"Allow\",\"Action\":\"dynamodb:Scan\",\"Resource\":\"*\"}]}");
            out.println("   after someone adds dynamodb:Scan to the role:");
            for (Finding finding : doctor.examine().findings()) {
                out.println("   " + finding.severity() + " [" + finding.check() + "] " + finding.problem());
            }
            stack.deployment().reset();
            out.println();
            out.printf(
                    "Cognito calls: GetId %d, GetCredentialsForIdentity %d; gateway allowed %d, denied %d%n",
                    stack.cognito().getIdCalls(),
                    stack.cognito().getCredentialsCalls(),
                    stack.gatewayAllowed(),
                    stack.gatewayDenied());
        }
    }
}
