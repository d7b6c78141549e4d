/**
 * How the DynamoDB store talks to the table: records to items and back ({@code ItemMapper}), each
 * request with its condition expression ({@code Requests}), paged listing and table creation. Start
 * with {@code Requests}.
 *
 * <p>Not exported by the module, not an API. The classes are immutable and thread-safe.
 */
package dev.once.dynamodb.internal;
