/**
 * Pipeline step 2, the policy model: IAM policy documents parsed into statements, conditions, principals, actions and resources, with findings (issue code, severity, position) for what cannot be used. Framework-free.
 */
package io.iamgate.policy;
