/**
 * The worked example: a payment handler made idempotent with Once, as a user's own module would
 * declare it. Its package is open to Jackson, which maps the events and results by reflection.
 */
@SuppressWarnings("requires-transitive-automatic") // the Lambda jars have no module names
module dev.once.examples {
  requires transitive dev.once.lambda;
  requires transitive dev.once.dynamodb;
  requires java.sql;

  exports dev.once.examples.payment;

  opens dev.once.examples.payment to
      com.fasterxml.jackson.databind;
}
