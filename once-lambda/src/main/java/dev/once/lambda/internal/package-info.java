/**
 * Helpers of the Lambda module that are no API: {@code RecordViews} shows a batch record to key and
 * validation expressions as the JSON Lambda delivers it, with the field names of the AWS
 * documentation.
 *
 * <p>Not exported by the module. Stateless and thread-safe.
 */
package dev.once.lambda.internal;
