/**
 * Checks a parsed policy against the AWS service reference (actions, resource types, condition keys and their types) before it is used; the findings are reported per file and position. Framework-free.
 */
package io.iamgate.validate;
