/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor;

import dev.tenantclient.TenantLayout;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.regions.Region;

/**
 * The command line of {@link TenantDoctor}, for CI pipelines and operators:
 *
 * <pre>
 * java -jar tenant-client-cli.jar doctor --region eu-west-1 --identity-pool eu-west-1:1111-... \
 *     --user-pool eu-west-1_AbCdEf123 [--client-id ID] [--layout org|user] \
 *     --table notes[:index1,index2] ... --bucket acme-files ... [--strict] [--endpoint-url URL] \
 *     [--format text|json|sarif]
 * java -jar tenant-client-cli.jar policy --layout org --table notes:byAuthor --bucket acme-files \
 *     [--identity-pool ID] [--user-pool ID] [--format json|cloudformation]
 * </pre>
 *
 * <p>{@code --layout org --layout user} checks a role serving both layouts on the same tables and buckets, which the
 * report refuses ({@code layouts.overlap}): the two layouts' keys overlap. Exit code 0 when the deployment passes, 1
 * when it has an error or a part could not be checked (with {@code --strict}, also on a warning), 2 on a usage error.
 * Credentials come from the default chain.
 */
public final class TenantDoctorCli {

    static final String USAGE = """
      usage: doctor --region REGION --identity-pool ID --user-pool ID [--client-id ID] [--layout org|user]
                    (--table NAME[:INDEX,INDEX] | --bucket NAME)... [--strict] [--endpoint-url URL]
                    [--format text|json|sarif]
        Checks a deployment's isolation setup against the layout; exit 0 = passes, 1 = findings, 2 = usage.
        --layout        org (default: custom:org claim, keys <org>#<id>, folders <org>/) or user (sub); given
                        twice, both on the same tables and buckets, which is the error layouts.overlap
        --strict        fail on warnings too
        --endpoint-url  one endpoint for Cognito, Cognito Identity and IAM (a local stack, a proxy)
        --format        text (default), json, or sarif (SARIF 2.1.0, for code-scanning dashboards)
      Also: policy --help (the generated policies and principal-tag map, as JSON or CloudFormation)""";

    private TenantDoctorCli() {}

    /**
     * Runs the doctor and exits with its code.
     *
     * @param args {@code doctor} (optional) followed by the options above
     */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out));
    }

    /**
     * Runs the doctor and prints its report.
     *
     * @param args the arguments
     * @param out where the report goes
     * @return the exit code
     */
    public static int run(List<String> args, PrintStream out) {
        List<String> rest = new ArrayList<>(args);
        if (!rest.isEmpty() && rest.get(0).equals("policy")) {
            return PolicyCommand.run(rest.subList(1, rest.size()), out);
        }
        if (!rest.isEmpty() && rest.get(0).equals("doctor")) {
            rest.remove(0);
        }
        String format = "text";
        String identityPool = "";
        TenantDoctor.Builder builder = TenantDoctor.builder();
        boolean strict = false;
        boolean layoutSet = false;
        try {
            for (int i = 0; i < rest.size(); i++) {
                String option = rest.get(i);
                if (option.equals("--strict")) {
                    strict = true;
                    continue;
                }
                if (option.equals("--help") || option.equals("-h")) {
                    out.println(USAGE);
                    return 0;
                }
                if (i + 1 >= rest.size()) {
                    throw new IllegalArgumentException("missing value for " + option);
                }
                String value = rest.get(++i);
                switch (option) {
                    case "--region" -> builder.region(Region.of(value));
                    case "--identity-pool" -> {
                        builder.identityPoolId(value);
                        identityPool = value;
                    }
                    case "--format" -> {
                        if (!List.of("text", "json", "sarif").contains(value)) {
                            throw new IllegalArgumentException("--format is text, json or sarif, was " + value);
                        }
                        format = value;
                    }
                    case "--user-pool" -> builder.userPoolId(value);
                    case "--client-id" -> builder.clientId(value);
                    case "--layout" -> {
                        builder.layout(PolicyCommand.layout(value));
                        layoutSet = true;
                    }
                    case "--table" -> builder.tableSpec(value);
                    case "--bucket" -> builder.bucket(value);
                    case "--endpoint-url" -> builder.endpointOverride(URI.create(value));
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (!layoutSet) {
                builder.layout(TenantLayout.org());
            }
            TenantDoctor doctor = builder.build();
            return report(doctor.examine(), strict, format, "cognito-identity/" + identityPool, out);
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.println("error: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
    }

    private static int report(DoctorReport report, boolean strict, String format, String location, PrintStream out) {
        out.println(
                switch (format) {
                    case "json" -> ReportFormats.json(report);
                    case "sarif" -> ReportFormats.sarif(report, location);
                    default -> report.describe();
                });
        boolean failed = !report.passed() || (strict && !report.isClean());
        return failed ? 1 : 0;
    }
}
