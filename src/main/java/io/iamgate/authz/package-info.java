/**
 * Pipeline step 4, one authorize call: the caller resolved against the bundle (principals, session tags, spoofing checks), the request context layered, and the compiled plan asked for a decision. Framework-free; never loads tooling.
 */
package io.iamgate.authz;
