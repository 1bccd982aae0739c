/**
 * The command line (picocli): serve, validate, eval, sign, keygen, trace, bench. Offline commands never start Quarkus.
 */
package io.iamgate.cli;
