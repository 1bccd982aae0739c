/**
 * The decision model: requests, request context, policy sets, decisions and evaluation results with per-statement traces, shared by compile, authz and the tools. Framework-free.
 */
package io.iamgate.eval;
