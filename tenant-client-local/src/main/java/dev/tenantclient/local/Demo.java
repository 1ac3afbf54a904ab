package dev.tenantclient.local;

import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The README's demo: starts a {@link LocalTenantStack}, signs in two users of two tenants, and shows what the
 * library obtained for each — tenant, identity id, credential expiry and the principal tags IAM will see. It prints
 * no token or secret.
 */
public final class Demo {

  private Demo() {}

  /**
   * Runs the demo.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (LocalTenantStack stack = LocalTenantStack.start();
        TenantClient client = stack.clientBuilder().build()) {
      out.println("tenant-client demo on the local stack (Cognito emulator, DynamoDB Local, S3, IAM gateway)");
      for (String[] user : new String[][] {{"acme", "alice"}, {"globex", "bob"}}) {
        TenantSession session = client.session(stack.issueToken(user[0], user[1]));
        AwsSessionCredentials credentials = (AwsSessionCredentials) session.credentialsProvider()
            .resolveCredentials();
        out.printf("%-7s user=%-6s identity=%s credentials expire %s, principal tags %s%n",
            session.tenant().org(), session.tenant().subject(), session.identityId(),
            credentials.expirationTime().orElseThrow(),
            stack.cognito().issued(credentials.accessKeyId()).orElseThrow().principalTags());
      }
      out.printf("Cognito calls: GetId %d, GetCredentialsForIdentity %d%n", stack.cognito().getIdCalls(),
          stack.cognito().getCredentialsCalls());
    }
  }
}
