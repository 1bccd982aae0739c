/**
 * The individual validation rules PolicyValidator runs, one concern per class. Framework-free.
 */
package io.iamgate.validate.rules;
