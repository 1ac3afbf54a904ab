/**
 * {@link dev.tenantclient.doctor.TenantDoctor}: checks a real deployment (user pool, identity pool, role and its
 * policies) against the {@link dev.tenantclient.TenantLayout}, in CI, at startup or from the command line
 * ({@link dev.tenantclient.doctor.TenantDoctorCli}).
 */
@NullMarked
package dev.tenantclient.doctor;

import org.jspecify.annotations.NullMarked;
