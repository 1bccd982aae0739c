/**
 * The exception hierarchy: {@link io.iamgate.error.IamgateException} is the supertype of every checked
 * exception the engine throws for input it refuses. Depends on nothing else in iamgate.
 */
package io.iamgate.error;
