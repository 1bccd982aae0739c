/**
 * Pipeline step 0, the policy bundle: transport (BundleSource: directory, .tar.gz file, HTTP) through one bounded streaming reader, signature and rollback checks (BundleVerifier), loading as named, timed stages (BundleStage: manifest, policies, principals, inventory, validate, compile), and the lock-free snapshot swap with backoff (BundleManager). Framework-free.
 */
package io.iamgate.bundle;
