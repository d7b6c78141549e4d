/**
 * Once for AWS Lambda handlers: {@code dev.once.lambda} is its API; {@code
 * dev.once.lambda.internal} is not exported.
 *
 * <p>{@code dev.once.lambda} is open to Jackson, which writes and reads the stored HTTP response (a
 * package-private record) by reflection.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // Lambda jars: no names
module dev.once.lambda {
  requires transitive dev.once.core;
  requires transitive aws.lambda.java.core;
  requires transitive aws.lambda.java.events;
  requires org.crac;
  requires org.slf4j;

  exports dev.once.lambda;

  opens dev.once.lambda to
      com.fasterxml.jackson.databind;
}
