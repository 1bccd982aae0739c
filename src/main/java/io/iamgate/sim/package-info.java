/**
 * Simulation input and the decision JSON shape: reading simulate/authorize bodies into typed inputs and writing results and findings. Framework-free.
 */
package io.iamgate.sim;
