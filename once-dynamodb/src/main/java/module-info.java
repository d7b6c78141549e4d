/**
 * The DynamoDB store: {@code dev.once.dynamodb} is its API; {@code dev.once.dynamodb.internal}
 * (item mapping, requests, table creation) is not exported.
 */
module dev.once.dynamodb {
  requires transitive dev.once.core;
  requires transitive software.amazon.awssdk.services.dynamodb;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.retries;
  requires software.amazon.awssdk.retries.api;
  requires software.amazon.awssdk.http.urlconnection;
  requires org.slf4j;

  exports dev.once.dynamodb;
}
