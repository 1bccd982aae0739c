/**
 * Pipeline step 3, policies to plans: each principal's attached policies compiled once per bundle into a plan indexed by action, with prepared conditions and explain data. Never calls a reference evaluator. Framework-free.
 */
package io.iamgate.compile;
