/**
 * The SQL store's statements and row mapping: each statement written once with named parameters
 * ({@code Statements}, {@code SqlTemplate}), the acquire of each dialect, connections borrowed per
 * operation, and rows read back as records. Start with {@code Statements}.
 *
 * <p>Not exported by the module, not an API. The classes are immutable and thread-safe; a
 * connection is used by one operation at a time.
 */
package dev.once.jdbc.internal;
