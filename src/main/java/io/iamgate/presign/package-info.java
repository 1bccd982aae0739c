/**
 * Presigned URLs and forward-auth cookies: grants, token signing and verification, replay protection (the ReplayStore interface; the Redis store is wired in io.iamgate.runtime.presign). Framework-free.
 */
package io.iamgate.presign;
