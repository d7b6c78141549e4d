/**
 * A worked example: an order payment made idempotent with Once, as Lambda handlers for a direct
 * invocation, SQS, Kinesis and HTTP, over a ledger in memory, in DynamoDB or in SQL. Start with
 * {@link dev.once.examples.payment.OrderPayment} (the business code) and {@link
 * dev.once.examples.payment.OrderPaymentHandler} (the handler around it).
 *
 * <p>Handlers are built once per Lambda instance and are thread-safe. Example code, not an API; the
 * {@code once simulate} command runs these handlers.
 */
package dev.once.examples.payment;
