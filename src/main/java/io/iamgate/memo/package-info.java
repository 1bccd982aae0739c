/**
 * Bounded memoisation used on the decision path (caller resolution and the like), weighed by size. Framework-free.
 */
package io.iamgate.memo;
