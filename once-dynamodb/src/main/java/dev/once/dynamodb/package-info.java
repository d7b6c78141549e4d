/**
 * The DynamoDB store. Start with {@link dev.once.dynamodb.DynamoDbStore} (its builder takes a
 * client and a table) and {@link dev.once.dynamodb.DynamoDbStoreConfig}, its readable settings;
 * {@link dev.once.dynamodb.DataFormat} chooses how results are stored.
 *
 * <p>A built store is immutable and thread-safe, and shares its client; every operation is one
 * conditional, strongly consistent request. A stable API.
 */
package dev.once.dynamodb;
