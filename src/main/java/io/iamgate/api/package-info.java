/**
 * The HTTP adapters only: REST resources for /v1/authorize, /v1/simulate, /v1/validate, /v1/bundle, presign and forward-auth, problem documents (application/problem+json) and their exception mappers, and the request body guard. Each resource reads the HTTP request, calls the engine, and writes the response.
 */
package io.iamgate.api;
