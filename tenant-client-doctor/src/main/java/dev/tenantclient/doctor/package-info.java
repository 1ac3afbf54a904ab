/**
 * {@link dev.tenantclient.doctor.TenantDoctor}: checks a real deployment (user pool, identity pool, role and its
 * policies) against the {@link dev.tenantclient.TenantLayout}, in CI, at startup or from the command line
 * ({@code java -jar tenant-client-cli-<version>-all.jar doctor ...}). Artifact {@code tenant-client-doctor}.
 */
@NullMarked
package dev.tenantclient.doctor;

import org.jspecify.annotations.NullMarked;
