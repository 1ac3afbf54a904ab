/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link DoctorReport} as the command line prints it: text ({@link DoctorReport#describe()}), JSON, or SARIF 2.1.0
 * for code-scanning dashboards (one rule per check, one result per finding).
 */
final class ReportFormats {

    static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String TOOL_NAME = "tenant-client doctor";
    private static final String INFORMATION_URI = "https://github.com/tenant-client/tenant-client";

    private ReportFormats() {}

    /**
     * The report as JSON: {@code passed}, {@code clean} and the findings with their severity, check, problem, why and
     * fix.
     */
    static String json(DoctorReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("passed", report.passed());
        root.put("clean", report.isClean());
        List<Object> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("severity", f.severity().name());
            finding.put("check", f.check());
            finding.put("problem", f.problem());
            finding.put("why", f.why());
            finding.put("fix", f.fix());
            findings.add(finding);
        }
        root.put("findings", findings);
        return JsonText.write(root);
    }

    /**
     * The report as a SARIF 2.1.0 log: one run of the tool {@value #TOOL_NAME}, a rule per distinct check (its fix as
     * help), a result per finding ({@code error} for errors and parts that could not be checked, both of which fail
     * the run; {@code warning} for warnings), located at the deployment resource given.
     *
     * @param location what the results point at, such as the identity pool id or a template path
     */
    static String sarif(DoctorReport report, String location) {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        List<Object> rules = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        for (Finding f : report.findings()) {
            Integer index = ruleIndex.get(f.check());
            if (index == null) {
                index = rules.size();
                ruleIndex.put(f.check(), index);
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("id", f.check());
                rule.put("name", f.check());
                rule.put("shortDescription", Map.of("text", f.check()));
                rule.put("fullDescription", Map.of("text", f.why()));
                rule.put("help", Map.of("text", f.fix()));
                rule.put("defaultConfiguration", Map.of("level", level(f.severity())));
                rules.add(rule);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", f.check());
            result.put("ruleIndex", index);
            result.put("level", level(f.severity()));
            result.put("message", Map.of("text", f.problem() + " Why: " + f.why() + " Fix: " + f.fix()));
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", Map.of("uri", location));
            result.put("locations", List.of(Map.of("physicalLocation", physical)));
            result.put("properties", Map.of("severity", f.severity().name()));
            results.add(result);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", TOOL_NAME);
        driver.put("informationUri", INFORMATION_URI);
        String version = ReportFormats.class.getPackage().getImplementationVersion();
        if (version != null) {
            driver.put("version", version);
        }
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", SARIF_SCHEMA);
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        return JsonText.write(root);
    }

    private static String level(Finding.Severity severity) {
        return severity == Finding.Severity.WARNING ? "warning" : "error";
    }
}
