/**
 * Policy tests as data ({@code iamgate test}, docs/configuration.md): a bundle's {@code tests/*.yaml} read strictly
 * (every problem with file, line and column), each case decided exactly as the sidecar decides through
 * the one authorize path, and reported as text, JSON or JUnit XML. Tooling-free engine code: it imports
 * the bundle, authz and eval packages, nothing from Quarkus.
 */
package io.iamgate.policytest;
