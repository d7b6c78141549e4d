/**
 * Once for AWS Lambda handlers. Start with {@link dev.once.lambda.LambdaIdempotency}, the one entry
 * point: it wraps a handler, a stream handler, a batch of SQS / Kinesis / DynamoDB stream records,
 * or an HTTP API whose clients send an {@code Idempotency-Key}. {@link
 * dev.once.lambda.LambdaConfig} holds its readable settings, which may also come from the
 * function's environment.
 *
 * <p>Built objects are immutable and thread-safe, shared by every invocation of a warm function. A
 * stable API.
 */
package dev.once.lambda;
