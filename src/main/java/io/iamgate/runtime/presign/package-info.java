/**
 * Quarkus wiring of presign: the PresignService bean from iamgate.presign.* (PresignConfig), the Redis replay store, and the signing-key readiness check.
 */
package io.iamgate.runtime.presign;
