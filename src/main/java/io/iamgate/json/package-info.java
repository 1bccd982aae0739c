/**
 * Pipeline step 1, bytes to values: the position-keeping JSON/YAML tree parser (line, column and JSON pointer per value, for error reports), its syntax errors, and the one JSON writer for responses. Framework-free.
 */
package io.iamgate.json;
